package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.testsupport.CommittedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notifier as it runs in production, between a real KRaft broker and the Bot API sandbox: records are
 * written transactionally, as the processor writes them, and what the bot did is read back from the sandbox.
 */
class NotifierIT {

    private static final String TOKEN = "100000001:local-sandbox-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    // Each test talks to its own chat, so no test sees another's messages or dead letters.
    private static final AtomicLong USER_IDS = new AtomicLong(5_000_000 + System.nanoTime() % 1_000_000);

    private static NotifierTestStack stack;
    private static ConfigurableApplicationContext notifier;
    private static KafkaProducer<String, byte[]> processor;

    @BeforeAll
    static void start() {
        stack = NotifierTestStack.start(TOKEN);
        notifier = stack.startNotifier(
                // Retries in tests: quick, yet still exponential.
                "--contactdesk.delivery.initial-backoff=100ms",
                "--contactdesk.delivery.max-backoff=1s");
        processor = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notifier-it-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        processor.initTransactions();
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sendMessageAppearsInTheChatWithItsInlineKeyboard() throws Exception {
        // given a user who wrote to the bot, and a reply with buttons on the outbox
        long chat = newUser();
        InlineKeyboard pages = InlineKeyboard.of(List.of(
                List.of(new InlineButton("« Prev", "page:1"), new InlineButton("Next »", "page:3")),
                List.of(new InlineButton("Unlock", "unlock:17"))));

        // when
        publish(OutboxMessage.sendMessage(outboxId(), chat, "<b>Results</b> for &lt;plumber&gt;", pages, "update:1",
                Instant.now()));

        // then the chat shows the text and the keyboard
        JsonNode sent = awaitMessages(chat, 1).get(0);
        assertThat(sent.path("text").asText()).contains("Results").contains("plumber");
        assertThat(sent.path("parse_mode").asText()).isEqualTo("HTML");
        JsonNode rows = sent.path("reply_markup").path("inline_keyboard");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get(1).path("text").asText()).isEqualTo("Next »");
        assertThat(rows.get(0).get(1).path("callback_data").asText()).isEqualTo("page:3");
        assertThat(rows.get(1).get(0).path("callback_data").asText()).isEqualTo("unlock:17");
    }

    @Test
    void deliveredTransactionalRepliesLeaveNoLagBehindTheirCommitMarkers() throws Exception {
        // given a reply written in a transaction, as the processor writes them (its commit marker takes an offset)
        long chat = newUser();
        publish(OutboxMessage.sendMessage(outboxId(), chat, "counted to the end", null, "update:8", Instant.now()));

        // when it was delivered
        awaitMessages(chat, 1);

        // then the notifier's committed offsets reach the end of every partition, markers included
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.broker().bootstrapServers()))) {
            await().atMost(WAIT).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("contactdesk-notifier").partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.OUTBOX.name()))
                        .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                assertThat(ends).isNotEmpty();
                admin.listOffsets(ends).all().get().forEach((tp, end) ->
                        assertThat(committed.get(tp).offset()).as("committed offset of %s", tp).isEqualTo(end.offset()));
            });
        }
    }

    @Test
    void twoBadGatewaysThenSuccessDeliversOnce() throws Exception {
        // given a user, and Telegram answering the next two sendMessage calls with 502
        long chat = newUser();
        stack.sandbox().fault("sendMessage", 502, 2);

        // when
        publish(OutboxMessage.sendMessage(outboxId(), chat, "after a hiccup", null, "update:2", Instant.now()));

        // then the third call delivered it, and nothing more arrives
        assertThat(awaitMessages(chat, 1).get(0).path("text").asText()).isEqualTo("after a hiccup");
        Thread.sleep(1_500);
        assertThat(messages(chat)).hasSize(1);
        assertThat(deadLetters(chat)).isEmpty();
    }

    @Test
    void emptyTextIsDeadLetteredWithTelegramsDescriptionAndTheNextMessageIsDelivered() throws Exception {
        // given a reply whose text is empty once Telegram renders it (a literally empty text never leaves
        // telegrambots: see literallyEmptyTextIsRefusedBeforeSendingAndDeadLettered)
        long chat = newUser();
        OutboxMessage empty = OutboxMessage.sendMessage(outboxId(), chat, "<b> </b>", null, "update:3", Instant.now());
        OutboxMessage next = OutboxMessage.sendMessage(outboxId(), chat, "next one", null, "update:4", Instant.now());

        // when both are on the outbox, in this order
        publish(empty, next);

        // then the first is dead-lettered with the Bot API's description, and the second still arrives
        DeadLetter letter = awaitDeadLetter(chat);
        assertThat(letter.reason()).contains("400").contains("Bad Request: message text is empty");
        assertThat(letter.sourceTopic()).isEqualTo(Topics.OUTBOX.name());
        assertThat(letter.service()).isEqualTo("notifier");
        assertThat(Topics.OUTBOX.valueSerde().deserializer().deserialize(Topics.OUTBOX.name(), letter.payload())
                .outboxId()).isEqualTo(empty.outboxId());
        assertThat(awaitMessages(chat, 1).get(0).path("text").asText()).isEqualTo("next one");
    }

    @Test
    void literallyEmptyTextIsRefusedBeforeSendingAndDeadLettered() throws Exception {
        // given
        long chat = newUser();

        // when
        publish(OutboxMessage.sendMessage(outboxId(), chat, "", null, "update:5", Instant.now()),
                OutboxMessage.sendMessage(outboxId(), chat, "still here", null, "update:6", Instant.now()));

        // then dead-lettered at once (not retried as if Telegram were down), and the chat goes on
        assertThat(awaitDeadLetter(chat).reason()).contains("Text parameter can't be empty")
                .doesNotContain("gave up");
        assertThat(awaitMessages(chat, 1).get(0).path("text").asText()).isEqualTo("still here");
    }

    @Test
    void aReplyToAUserWhoBlockedTheBotIsReportedToTheProcessorAndNotDeadLettered() throws Exception {
        // given
        long chat = newUser();
        stack.sandbox().userBlocksTheBot(chat);
        OutboxMessage reply = OutboxMessage.sendMessage(outboxId(), chat, "anyone there?", null, "update:7",
                Instant.now());

        // when
        publish(reply);

        // then the processor learns it on tg.delivery-reports, keyed by the chat
        DeliveryReport report = await().atMost(WAIT).until(() -> CommittedRecords.valuesOf(
                stack.broker().bootstrapServers(), Topics.DELIVERY_REPORTS, Long.toString(chat)), reports -> !reports.isEmpty())
                .get(0);
        assertThat(report.outcome()).isEqualTo(DeliveryReport.Finding.BLOCKED_BY_USER);
        assertThat(report.outboxId()).isEqualTo(reply.outboxId());
        assertThat(report.chatId()).isEqualTo(chat);
        assertThat(report.description()).contains("bot was blocked by the user");
        assertThat(messages(chat)).isEmpty();
        // and a user blocking the bot is everyday life, not a broken record: no dead letter (it would raise an alert)
        assertThat(CommittedRecords.valuesOf(stack.broker().bootstrapServers(), Topics.OUTBOX_DLQ, Long.toString(chat)))
                .isEmpty();
    }

    @Test
    void malformedOutboxRecordIsDeadLetteredWithTheParseError() throws Exception {
        // given bytes that are not an OutboxMessage
        long chat = newUser();
        byte[] garbage = "{\"outboxId\": oops".getBytes(StandardCharsets.UTF_8);

        // when
        publishRaw(chat, garbage);

        // then
        DeadLetter letter = awaitDeadLetter(chat);
        assertThat(letter.reason()).contains("not a valid OutboxMessage");
        assertThat(letter.payload()).isEqualTo(garbage);
        assertThat(messages(chat)).isEmpty();
    }

    @Test
    void sealedContactIsShownInTheChatAndNeverReachesTelegramOrTheDeadLetters() throws Exception {
        // given a reveal sealed under a key the notifier does not have, then one sealed under its own key, with
        // markup in the contact that only escaping lets through
        long chat = newUser();
        String contact = "@plumber_bob <24/7> & sons";
        String foreignEnvelope = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k9"))
                .encrypt("foreign-secret", "listing-8");
        String envelope = ContactCipher.fromKeyring(stack.keyring()).encrypt(contact, "listing-7");
        OutboxMessage undecryptable = OutboxMessage.sendMessage(outboxId(), chat, "Contact: {{contact}}", null,
                "update:8", Instant.now()).revealing(foreignEnvelope, "listing-8");
        OutboxMessage reveal = OutboxMessage.sendMessage(outboxId(), chat,
                "<b>Plumber Bob</b>\nContact: {{contact}}", null, "update:9", Instant.now())
                .revealing(envelope, "listing-7");

        // when
        publish(undecryptable, reveal);

        // then the chat shows the contact, escaped so that Telegram shows its markup as text, and nothing of the
        // envelope reached the sandbox
        JsonNode sent = awaitMessages(chat, 1).get(0);
        assertThat(sent.path("text").asText())
                .isEqualTo("<b>Plumber Bob</b>\nContact: @plumber_bob &lt;24/7&gt; &amp; sons");
        String received = stack.sandbox().messages(chat).toString();
        assertThat(received).doesNotContain(OutboxMessage.SEALED_CONTACT, OutboxMessage.CONTACT_LISTING_ID,
                envelope, "{{contact}}", "foreign-secret");
        assertThat(messages(chat)).hasSize(1);
        // and the undecryptable one is dead-lettered by key id, keeping the sealed record as it was
        DeadLetter letter = awaitDeadLetter(chat);
        assertThat(letter.reason()).isEqualTo(
                "contact of listing 'listing-8' cannot be decrypted: no key 'k9' in the keyring");
        String payload = new String(letter.payload(), StandardCharsets.UTF_8);
        assertThat(payload).contains(foreignEnvelope).doesNotContain("foreign-secret");
        assertThat(Topics.OUTBOX.valueSerde().deserializer().deserialize(Topics.OUTBOX.name(), letter.payload())
                .outboxId()).isEqualTo(undecryptable.outboxId());
        assertThat(deadLetters(chat)).hasSize(1);
    }

    @Test
    void aRevealThatIsDeadLetteredIsReportedSoTheProcessorRefundsTheUnlock() throws Exception {
        // given a reveal the notifier cannot open (its key left the ring)
        long chat = newUser();
        String foreignEnvelope = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k8"))
                .encrypt("+49 30 7654321", "listing-9");
        OutboxMessage reveal = OutboxMessage.editMessageText(outboxId(), chat, 77, "Contact: {{contact}}", null,
                "update:10", Instant.now()).revealing(foreignEnvelope, "listing-9");

        // when
        publish(reveal);

        // then it is dead-lettered, and the processor learns which paid contact was not shown
        awaitDeadLetter(chat);
        DeliveryReport report = await().atMost(WAIT).until(() -> CommittedRecords.valuesOf(
                stack.broker().bootstrapServers(), Topics.DELIVERY_REPORTS, Long.toString(chat)), reports -> !reports.isEmpty())
                .get(0);
        assertThat(report.outcome()).isEqualTo(DeliveryReport.Finding.CONTACT_NOT_SHOWN);
        assertThat(report.outboxId()).isEqualTo(reveal.outboxId());
        assertThat(report.causeId()).isEqualTo("update:10");
        assertThat(report.listingId()).isEqualTo("listing-9");
        assertThat(report.description()).doesNotContain("7654321");
    }

    // --- the processor's side: transactional writes to tg.outbox

    private static void publish(OutboxMessage... messages) {
        processor.beginTransaction();
        for (OutboxMessage message : messages) {
            processor.send(new ProducerRecord<>(Topics.OUTBOX.name(), Long.toString(message.chatId()),
                    Topics.OUTBOX.valueSerde().serializer().serialize(Topics.OUTBOX.name(), message)));
        }
        processor.commitTransaction();
    }

    private static void publishRaw(long chat, byte[] value) {
        processor.beginTransaction();
        processor.send(new ProducerRecord<>(Topics.OUTBOX.name(), Long.toString(chat), value));
        processor.commitTransaction();
    }

    private static String outboxId() {
        return "update:" + UUID.randomUUID() + "/reply:0";
    }

    // --- the sandbox's side

    /** A user who wrote to the bot, so that the bot may write to them. */
    private static long newUser() throws Exception {
        long id = USER_IDS.incrementAndGet();
        stack.sandbox().userWrites(id, "hi");
        return id;
    }

    private static List<JsonNode> messages(long chat) throws Exception {
        return stack.sandbox().messages(chat);
    }

    private static List<JsonNode> awaitMessages(long chat, int count) {
        return await().atMost(WAIT).until(() -> messages(chat), list -> list.size() >= count);
    }


    // --- tg.outbox.dlq

    private static DeadLetter awaitDeadLetter(long chat) {
        return await().atMost(WAIT).until(() -> deadLetters(chat), letters -> !letters.isEmpty()).get(0);
    }

    /** The dead letters of one chat so far (dead letters keep the source key, the chat id). */
    private static List<DeadLetter> deadLetters(long chat) {
        return CommittedRecords.valuesOf(stack.broker().bootstrapServers(), Topics.OUTBOX_DLQ, Long.toString(chat));
    }
}
