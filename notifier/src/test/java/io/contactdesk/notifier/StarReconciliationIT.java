package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.testsupport.SandboxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stars reconciliation on the real path: the sandbox's getStarTransactions against db-writer's payments table in
 * a real PostgreSQL, a difference alerted through ops.alerts to the admin. Periods of 2 s, so the first check runs
 * within seconds of start-up. Two notifiers run it, as in production; the payments that differ come after more
 * than a page (100) of agreeing ones, so only a check that pages past the first can find them.
 */
class StarReconciliationIT {

    private static final String TOKEN = "100000009:reconciliation-sandbox-token";
    private static final long ADMIN = 9_300_001;
    private static final long BUYER = 9_300_002;
    // db-writer owns the table; the test creates it from db-writer's own migration.
    private static final Path PAYMENTS_TABLE = Path.of("../db-writer/src/main/resources/db/migration/V6__payments.sql");
    private static final String PAYLOAD = "v1.50.200.secret-payload-never-in-alerts";
    /** More than one page of getStarTransactions (100) before the payments that differ. */
    private static final int AGREEING_FIRST = 101;
    /** The pages one check reads: the bot's 106 transactions are 100 and 6. */
    private static final int PAGES_PER_CHECK = 2;

    private static NotifierTestStack stack;
    private static final List<String> agreeingFirst = new ArrayList<>();
    private static String agreed;
    private static String amountDiffers;
    private static String refundNotRecorded;
    private static String missingInPayments;
    private static long nextUpdateId;

    @BeforeAll
    static void start() throws Exception {
        // Without flood limits: a hundred invoices to one chat within seconds is the test's doing, not the bot's.
        stack = NotifierTestStack.start(TOKEN, FloodLimits.DISABLED);
        SandboxClient sandbox = stack.sandbox();
        sandbox.userWrites(ADMIN, "hi");
        sandbox.userWrites(BUYER, "hi");
        for (int i = 0; i < AGREEING_FIRST; i++) {
            agreeingFirst.add(paid(sandbox, 50));
        }
        agreed = paid(sandbox, 50);
        amountDiffers = paid(sandbox, 200);
        refundNotRecorded = paid(sandbox, 50);
        assertThat(sandbox.bot("refundStarPayment", Map.of("user_id", BUYER, "telegram_payment_charge_id",
                refundNotRecorded)).status()).isEqualTo(200);
        missingInPayments = paid(sandbox, 50);
        try (Connection db = database(); Statement ddl = db.createStatement()) {
            ddl.execute(Files.readString(PAYMENTS_TABLE));
            for (String chargeId : agreeingFirst) {
                insertPayment(db, chargeId, 50);
            }
            insertPayment(db, agreed, 50);
            insertPayment(db, amountDiffers, 150);
            insertPayment(db, refundNotRecorded, 50);
            insertPayment(db, "ghost-charge", 50);
        }
        // Everything is in place before the first check: it sees the whole picture.
        for (int notifier = 0; notifier < 2; notifier++) {
            stack.startNotifier("--ADMIN_USER_IDS=" + ADMIN,
                    "--contactdesk.reconciliation.interval=2s", "--contactdesk.reconciliation.settle-delay=0s");
        }
    }

    /**
     * The buyer pays {@code stars} for an invoice the bot sends them, the pre-checkout query answered ok here as the
     * processor would; returns the charge id.
     */
    private static String paid(SandboxClient sandbox, int stars) {
        SandboxClient.Answer invoice = sandbox.bot("sendInvoice", Map.of("chat_id", BUYER, "title", "credits",
                "description", "credits", "payload", PAYLOAD, "provider_token", "", "currency", "XTR",
                "prices", List.of(Map.of("label", "credits", "amount", stars))));
        assertThat(invoice.status()).as(invoice.body().toString()).isEqualTo(200);
        long messageId = invoice.result().path("message_id").asLong();
        CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(
                () -> sandbox.userPays(BUYER, Map.of("message_id", messageId)));
        for (JsonNode update : sandbox.bot("getUpdates", Map.of("offset", nextUpdateId, "timeout", 5,
                "allowed_updates", List.of("pre_checkout_query"))).body().path("result")) {
            nextUpdateId = update.path("update_id").asLong() + 1;
            if (update.has("pre_checkout_query")) {
                sandbox.bot("answerPreCheckoutQuery", Map.of("pre_checkout_query_id",
                        update.path("pre_checkout_query").path("id").asText(), "ok", true));
            }
        }
        JsonNode paid = paying.join();
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("paid");
        return paid.path("charge_id").asText();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyDifferenceReachesTheAdminNamingItsChargeButNeverThePayload() {
        String alert = await().atMost(Duration.ofSeconds(30)).until(() -> stack.sandbox().messages(ADMIN).stream()
                .map(message -> message.path("text").asText()).filter(text -> text.contains("Stars reconciliation"))
                .findFirst().orElse(null), text -> text != null);

        assertThat(alert).contains("4 differences",
                missingInPayments + ": paid at Telegram, no payments row (50 stars)",
                "ghost-charge: payments row, no payment at Telegram (50 stars)",
                amountDiffers + ": stars differ (Telegram 200, payments 150)",
                refundNotRecorded + ": refunded at Telegram, not in payments (50 stars)");
        assertThat(alert).doesNotContain(agreed + ":").doesNotContain("secret-payload");
    }

    @Test
    void eachCheckRecordsWhatItFoundWithItsClaim() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finishedRuns()).isNotEmpty());

        assertThat(finishedRuns()).allSatisfy(differences -> assertThat(differences).isEqualTo(4));
    }

    @Test
    void aDifferenceBeyondTheFirstHundredTransactionsIsFound() {
        // The 106th transaction, on the second page.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.sandbox().messages(ADMIN))
                .extracting(message -> message.path("text").asText())
                .anyMatch(text -> text.contains(missingInPayments + ": paid at Telegram, no payments row")));

        assertThat(stack.sandbox().stats().path("calls").path("getStarTransactions").asLong())
                .as("pages asked for").isGreaterThanOrEqualTo(PAGES_PER_CHECK);
    }

    /**
     * Both notifiers look for the due period every 2 s; the claim in reconciliation_runs lets one of them check it.
     * Each check reads its pages once, so the pages asked for stay within the claims' count times the pages of one.
     */
    @Test
    void twoNotifiersCheckEachPeriodOnlyOnce() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finishedRuns()).hasSizeGreaterThanOrEqualTo(3));

        long pagesAsked = stack.sandbox().stats().path("calls").path("getStarTransactions").asLong();
        long periodsClaimed = claimedPeriods();

        assertThat(pagesAsked).isLessThanOrEqualTo(PAGES_PER_CHECK * periodsClaimed);
    }

    private static long claimedPeriods() throws Exception {
        try (Connection db = database(); Statement select = db.createStatement();
                ResultSet count = select.executeQuery("SELECT count(*) FROM reconciliation_runs WHERE bot_id = 100000009")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static List<Integer> finishedRuns() throws Exception {
        try (Connection db = database(); Statement select = db.createStatement();
                ResultSet runs = select.executeQuery("SELECT differences FROM reconciliation_runs "
                        + "WHERE bot_id = 100000009 AND finished_at IS NOT NULL")) {
            List<Integer> differences = new ArrayList<>();
            while (runs.next()) {
                differences.add(runs.getInt(1));
            }
            return differences;
        }
    }

    private static void insertPayment(Connection db, String chargeId, long stars) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO payments (telegram_payment_charge_id, "
                + "user_id, stars, credits, paid_at) VALUES (?, ?, ?, 10, ?)")) {
            insert.setString(1, chargeId);
            insert.setLong(2, BUYER);
            insert.setLong(3, stars);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
                stack.postgres().password());
    }
}
