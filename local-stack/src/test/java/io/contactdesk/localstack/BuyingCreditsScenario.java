package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Buying credits with Telegram Stars through the whole pipeline and the sandbox's payment handshake: /buy, a pack's
 * invoice, the pre-checkout answered within Telegram's 10 s, the payment credited once however often it is delivered,
 * and a forged invoice refused at pre-checkout.
 */
abstract class BuyingCreditsScenario {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final long BUYER = 4_201;

    abstract LocalStack stack();

    @Test
    void aPackBoughtWithStarsIsCreditedOnceAndAForgedInvoiceIsRefused() throws Exception {
        LocalStack stack = stack();
        SandboxUser user = new SandboxUser(stack.telegramApiUrl(), BUYER);
        SandboxClient sandbox = new SandboxClient(stack.telegramApiUrl(), stack.telegramToken());
        Ledger ledger = new Ledger(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
        user.sends("/start");
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);

        // when the user buys the 50-credit pack
        user.sends("/buy");
        JsonNode offer = await().atMost(PIPELINE).until(() -> last(user), m -> m != null && m.toString().contains("buy:50x200"));
        user.presses(offer.path("message_id").asLong(), "buy:50x200");
        JsonNode invoice = await().atMost(PIPELINE).until(() -> last(user), m -> m != null && isInvoice(m));
        JsonNode paid;
        try (PreCheckoutHops hops = PreCheckoutHops.follow(stack)) {
            long started = System.nanoTime();
            paid = sandbox.userPays(BUYER, Map.of("message_id", invoice.path("message_id")));
            long answeredMs = (System.nanoTime() - started) / 1_000_000;

            // then Telegram got its pre-checkout answer in time, and the user is thanked with the new balance
            assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("paid");
            System.out.printf("pre-checkout answered through the pipeline in %d ms (Telegram allows 10,000)%n%s",
                    answeredMs, hops.report(List.of(PreCheckoutHops.Query.of(paid))));
        }
        await().atMost(PIPELINE).until(() -> user.chat().stream().anyMatch(text -> text.contains("Balance: <b>53 credits")));

        // when Telegram delivers the same payment again
        sandbox.userPays(BUYER, Map.of("message_id", invoice.path("message_id"),
                "charge_id", paid.path("charge_id").asText()));
        user.sends("/balance");

        // then it is credited once: the bot says 53, PostgreSQL holds one payment and one purchase of 50
        String balance = await().atMost(PIPELINE).until(() -> user.chat().stream()
                .filter(text -> text.startsWith("Your balance:")).findFirst().orElse(null), text -> text != null);
        assertThat(balance).contains("53 credits");
        try (ConsumerGroups groups = new ConsumerGroups(stack.kafkaBootstrapServers())) {
            await().atMost(PIPELINE).until(() -> groups.hasDrained("contactdesk-db-writer", Topics.LEDGER.name())
                    && groups.hasDrained("contactdesk-db-writer", Topics.PAYMENTS.name()));
        }
        assertThat(ledger.purchasesOf(BUYER)).containsExactly(50L);
        assertThat(ledger.paymentsOf(BUYER)).containsExactly(200L);

        // when an invoice with a payload the bot did not sign reaches the user, and they pay it
        SandboxClient.Answer forged = sandbox.bot("sendInvoice", Map.of(
                "chat_id", BUYER, "title", "120 credits", "description", "cheap", "provider_token", "",
                "currency", "XTR", "prices", List.of(Map.of("label", "120 credits", "amount", 1)),
                "payload", "v1.120.1." + BUYER + ".9999999999.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(forged.status()).as(forged.body().toString()).isEqualTo(200);
        JsonNode refused = sandbox.userPays(BUYER, Map.of("message_id", forged.result().path("message_id")));

        // then the bot refuses it at pre-checkout, so Telegram charges nothing
        assertThat(refused.path("status").asText()).isEqualTo("declined");
        assertThat(refused.path("error_message").asText()).contains("not valid");
        assertThat(sandbox.specViolations()).as("every Bot API call the services made").isEmpty();
    }

    /**
     * Opt-in measurement ({@code -Dstars.backlog=300 [-Dstars.buyers=5]}): replies to {@code backlog} other users' /start
     * queue on tg.outbox (about 10 s of them at the bot's 30 messages/s), and buyers who got their invoices before pay
     * meanwhile; the time from tapping Pay to Telegram having the answer is printed, and each must be answered within
     * Telegram's 10 s. Not in the default run: on a machine shared with other builds the processor alone can take longer
     * than 10 s for the burst, so it is a measurement of the machine as much as of the priority lane.
     */
    @Test
    void preCheckoutsAreAnsweredInTimeBehindABacklogOfReplies() throws Exception {
        int backlog = Integer.getInteger("stars.backlog", 0);
        Assumptions.assumeTrue(backlog > 0,
                "opt-in: -Dstars.backlog=300 measures pre-checkout answers behind a backlog of replies");
        LocalStack stack = stack();
        SandboxClient sandbox = new SandboxClient(stack.telegramApiUrl());
        int buyers = Integer.getInteger("stars.buyers", 5);
        List<JsonNode> invoices = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            SandboxUser buyer = new SandboxUser(stack.telegramApiUrl(), 4_300 + i);
            buyer.sends("/start");
            buyer.sends("/buy");
            JsonNode offer = await().atMost(PIPELINE).until(() -> last(buyer),
                    m -> m != null && m.toString().contains("buy:10x50"));
            buyer.presses(offer.path("message_id").asLong(), "buy:10x50");
            invoices.add(await().atMost(PIPELINE).until(() -> last(buyer), m -> m != null && isInvoice(m)));
        }
        List<Map<String, Object>> load = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            load.add(Map.of("user_id", 50_000 + i, "text", "/start"));
        }

        // when the backlog is queued and every buyer pays at once
        List<Payment> results = new ArrayList<>();
        String hopReport;
        try (PreCheckoutHops hops = PreCheckoutHops.follow(stack)) {
            sandbox.queueUpdates(load);
            List<CompletableFuture<Payment>> paying = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                long buyer = 4_300 + i;
                long invoice = invoices.get(i).path("message_id").asLong();
                paying.add(CompletableFuture.supplyAsync(() -> {
                    long started = System.nanoTime();
                    JsonNode paid = sandbox.userPays(buyer, Map.of("message_id", invoice));
                    return new Payment(paid, (System.nanoTime() - started) / 1_000_000);
                }));
            }
            for (var pay : paying) {
                results.add(pay.get(30, TimeUnit.SECONDS));
            }
            hopReport = hops.report(results.stream().filter(Payment::paid).map(p -> PreCheckoutHops.Query.of(p.answer()))
                    .toList());
        }

        // then every one was answered within Telegram's 10 s, while the replies were still queued
        List<Long> times = results.stream().map(Payment::millis).sorted().toList();
        SandboxUser lastInQueue = new SandboxUser(stack.telegramApiUrl(), 50_000 + backlog - 1);
        await().atMost(PIPELINE).until(() -> !lastInQueue.chat().isEmpty());
        // Nearest rank: with 5 buyers p99 is the slowest; -Dstars.buyers=100 gives a p99 of its own.
        System.out.printf("pre-checkout behind %d queued replies, %d buyers: p50 %d ms, p99 %d ms, max %d ms, "
                        + "answered %d (docs/performance.md#pre-checkout-behind-a-backlog)%n%s",
                backlog, buyers, times.get(times.size() / 2),
                times.get((int) Math.ceil(times.size() * 0.99) - 1), times.get(times.size() - 1),
                results.stream().filter(Payment::paid).count(), hopReport);
        assertThat(results).as("answered (paid) within 10 s").allSatisfy(r -> assertThat(r.paid()).isTrue());
    }

    /** A buyer's payment: the sandbox's answer, and how long the Pay call took. */
    private record Payment(JsonNode answer, long millis) {

        boolean paid() {
            return answer.path("status").asText().equals("paid");
        }
    }

    private static JsonNode last(SandboxUser user) {
        List<JsonNode> messages = user.messages();
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }

    private static boolean isInvoice(JsonNode message) {
        return message.path("reply_markup").toString().contains("\"pay\":true");
    }
}
