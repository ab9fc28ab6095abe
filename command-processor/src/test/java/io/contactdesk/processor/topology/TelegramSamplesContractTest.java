package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.TelegramUpdates;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import io.contactdesk.processor.streams.TopologyDrivers;
import io.contactdesk.processor.updates.GroupUpdate;
import io.contactdesk.processor.updates.IgnoredUpdate;
import io.contactdesk.processor.updates.IgnoredUpdate.Reason;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.MembershipUpdate;
import io.contactdesk.processor.updates.ParsedUpdate;
import io.contactdesk.processor.updates.PreCheckoutQuery;
import io.contactdesk.processor.updates.SuccessfulPayment;
import io.contactdesk.processor.updates.UpdateParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Updates shaped as Telegram sends them (Bot API 10.1, in {@code telegram-updates/}): every field Telegram sends for
 * each type, fields the bot does not use, and fields and a whole update type a later Bot API might add. The parser
 * sorts each as the bot means to handle it, and the topology accepts each, sealed by the poller in a later epoch,
 * without a dead letter: the DLQ is for broken records, never for updates the bot chose not to use.
 */
class TelegramSamplesContractTest {

    @TempDir(factory = InMemoryStateDirectory.class)
    Path stateDir;

    private static final String USER = "123456789";
    private static final String SUPERGROUP = "-1001987654321";
    private static final String CHANNEL = "-1001555000111";
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    /** A sample, the key the ingress gives it, and what the bot makes of it. */
    record Sample(String file, String key, Class<? extends ParsedUpdate> sortedAs, String ignoredType, Reason reason) {

        boolean ignored() {
            return sortedAs == IgnoredUpdate.class;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Sample> samples() {
        return Stream.of(
                new Sample("message-command.json", USER, IncomingUpdate.class, null, null),
                new Sample("message-photo-caption.json", USER, IncomingUpdate.class, null, null),
                new Sample("message-with-future-fields.json", USER, IncomingUpdate.class, null, null),
                new Sample("callback-query.json", USER, IncomingUpdate.class, null, null),
                new Sample("my-chat-member-kicked.json", USER, MembershipUpdate.class, null, null),
                new Sample("my-chat-member-member.json", USER, MembershipUpdate.class, null, null),
                new Sample("supergroup-message.json", SUPERGROUP, GroupUpdate.class, null, null),
                new Sample("my-chat-member-added-to-group.json", SUPERGROUP, GroupUpdate.class, null, null),
                new Sample("edited-message.json", USER, IgnoredUpdate.class, "edited_message", Reason.NOT_USED),
                new Sample("group-anonymous-admin.json", SUPERGROUP, IgnoredUpdate.class, "message", Reason.NOT_A_PERSON),
                new Sample("group-service-new-members.json", SUPERGROUP, IgnoredUpdate.class, "message", Reason.NOT_TEXT),
                new Sample("channel-post.json", CHANNEL, IgnoredUpdate.class, "channel_post", Reason.CHANNEL),
                new Sample("pre-checkout-query.json", USER, PreCheckoutQuery.class, null, null),
                new Sample("successful-payment.json", USER, SuccessfulPayment.class, null, null),
                new Sample("message-reaction.json", SUPERGROUP, IgnoredUpdate.class, "message_reaction", Reason.NOT_USED),
                new Sample("chat-join-request.json", SUPERGROUP, IgnoredUpdate.class, "chat_join_request", Reason.NOT_USED),
                new Sample("poll.json", "0", IgnoredUpdate.class, "poll", Reason.NOT_USED),
                new Sample("future-update-type.json", USER, IgnoredUpdate.class, IgnoredUpdate.UNKNOWN_TYPE, Reason.NOT_USED));
    }

    private static String read(String file) {
        try (InputStream in = TelegramSamplesContractTest.class.getResourceAsStream("/telegram-updates/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySampleFileIsInTheTable() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(getClass().getResource("/telegram-updates")).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(samples().map(Sample::file).collect(Collectors.toSet()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theParserSortsEachSampleAsTheBotMeansToHandleIt(Sample sample) {
        ParsedUpdate update = new UpdateParser(new SealedUpdates(TestRules.cipher())).parse(TelegramUpdates.sealed(read(sample.file())));

        assertThat(update).isInstanceOf(sample.sortedAs());
        if (update instanceof IgnoredUpdate ignored) {
            assertThat(ignored.type()).isEqualTo(sample.ignoredType());
            assertThat(ignored.reason()).isEqualTo(sample.reason());
        } else {
            assertThat(update.expectedKey()).isEqualTo(sample.key());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theTopologyAcceptsEachSampleSealedInALaterEpochWithoutADeadLetter(Sample sample) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = TopologyDrivers.start(
                new CommandTopology(new CommandRouter(TestRules.rules()), meters, 1).build(),
                "telegram-samples-contract-test", stateDir, T0)) {
            TestInputTopic<String, String> updates = driver.createInputTopic(Topics.UPDATES.name(), new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, DeadLetter> deadLetters = driver.createOutputTopic(Topics.UPDATES_DLQ.name(),
                    Topics.UPDATES_DLQ.keySerde().deserializer(), Topics.UPDATES_DLQ.valueSerde().deserializer());
            TestOutputTopic<String, OutboxMessage> outbox = driver.createOutputTopic(Topics.OUTBOX.name(),
                    Topics.OUTBOX.keySerde().deserializer(), Topics.OUTBOX.valueSerde().deserializer());
            // The sample's user has started the bot, in epoch 0, long before.
            updates.pipeInput(USER, TelegramUpdates.sealed(TelegramUpdates.message(1, Long.parseLong(USER), "/start")), T0);
            outbox.readValuesToList();
            String json = read(sample.file());
            long updateId = Long.parseLong(json.replaceAll("(?s).*\"update_id\"\\s*:\\s*(\\d+).*", "$1"));

            updates.pipeInput(sample.key(), new SealedUpdates(TestRules.cipher()).seal(new UpdateRef(1, updateId), json),
                    T0.plusSeconds(60));

            assertThat(deadLetters.readValuesToList()).isEmpty();
            String outcome = sample.ignored() ? "ignored" : "handled";
            assertThat(meters.counter("contactdesk.processor.updates", "outcome", outcome).count())
                    .isEqualTo(sample.ignored() ? 1 : 2);
            List<OutboxMessage> said = outbox.readValuesToList();
            if (sample.ignored()) {
                assertThat(said).isEmpty();
            }
            assertThat(said).allSatisfy(message -> assertThat(message.causeId()).isEqualTo("update:e1." + updateId));
        }
    }
}
