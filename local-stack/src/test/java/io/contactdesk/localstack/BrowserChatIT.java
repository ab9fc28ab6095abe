package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.sandbox.browser.BrowserTab;
import io.contactdesk.sandbox.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot through the sandbox's chat page in headless Chromium, as a person would use it: /start, /browse,
 * a category, a listing, unlock — with the contact decrypted only on its way to the chat.
 */
class BrowserChatIT {

    private static final Duration UI = Duration.ofSeconds(60);
    private static final String KEYRING = ContactCipher.generateKeyringEntry("e2e");
    private static final String CONTACT = "+49 30 1234 5678";

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startStackWithAListing() throws Exception {
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir, null, null, "", null, 0, KEYRING)).start();
        Instant now = Instant.now();
        Listing listing = new Listing("demo-plumber", "Night & day plumber", "Plumbing", "Berlin",
                "Leaks, pipes and boilers fixed within the hour.",
                ContactCipher.fromKeyring(KEYRING).encrypt(CONTACT, "demo-plumber"),
                ListingStatus.ACTIVE, 0, now, null, null, now);
        try (KafkaProducer<String, Listing> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), Topics.LISTINGS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.LISTINGS.name(), listing.listingId(), listing)).get();
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPersonStartsBrowsesAndUnlocksAContactInTheChatPage() throws Exception {
        try (Chromium chromium = Chromium.launch(); BrowserTab page = chromium.newPage()) {
            page.navigate(stack.telegramApiUrl() + "/?user=77&first_name=Grace&username=grace");
            page.waitFor(testId("connection-state") + ".textContent.startsWith('Live')", UI);

            type(page, "/start");
            page.waitFor(botSays("3 credits"), UI);

            type(page, "/browse");
            page.waitFor(button("Plumbing") + " !== undefined", UI);
            page.evaluate(button("Plumbing") + ".click()");
            page.waitFor(button("Night & day plumber · Berlin") + " !== undefined", UI);
            page.evaluate(button("Night & day plumber · Berlin") + ".click()");
            page.waitFor(button("🔓 Unlock contact — 1 credit") + " !== undefined", UI);
            page.evaluate(button("🔓 Unlock contact — 1 credit") + ".click()");

            page.waitFor(botSays(CONTACT), UI);
            Path screenshot = page.screenshot(Path.of("target", "screenshots", "browse-and-unlock.png"));
            assertThat(Files.size(screenshot)).isGreaterThan(5_000);
            assertThat(page.consoleErrors()).isEmpty();
        }

        // and PostgreSQL holds the unlock and the ledger says 3 − 1, with the contact stored only as ciphertext
        try (Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
                stack.postgres().password())) {
            await().atMost(UI).until(() -> count(db, "select count(*) from unlocks where user_id = 77") == 1);
            await().atMost(UI).until(() -> count(db, "select coalesce(sum(delta), -1) from credit_ledger where user_id = 77") == 2);
            assertThat(count(db, "select count(*) from listings where sealed_contact like '%1234%'")).isZero();
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void type(BrowserTab page, String text) {
        page.evaluate("""
                (() => {
                  const input = %s;
                  input.value = %s;
                  input.dispatchEvent(new Event('input', { bubbles: true }));
                  %s.click();
                })()""".formatted(testId("message-input"), js(text), testId("send-button")));
    }

    private static String botSays(String text) {
        return "[...document.querySelectorAll('[data-testid=\"message\"][data-from=\"bot\"]')]"
                + ".some(m => m.textContent.includes(" + js(text) + "))";
    }

    /** The last inline button with this label (the newest message's, as a person would tap). */
    private static String button(String label) {
        return "[...document.querySelectorAll('[data-testid=\"inline-button\"]')]"
                + ".filter(b => b.textContent.trim() === " + js(label) + ").pop()";
    }

    private static String testId(String id) {
        return "document.querySelector('[data-testid=\"" + id + "\"]')";
    }

    private static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
