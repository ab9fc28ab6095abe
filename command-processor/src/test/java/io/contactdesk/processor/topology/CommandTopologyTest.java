package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.credits.CreditRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandTopologyTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> updates;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, LedgerEntry> ledger;
    private TestOutputTopic<String, UserProfile> users;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startTopology() {
        CommandRouter router = new CommandRouter(new CreditRules(3, 1), Set.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "command-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(new CommandTopology(router, meters).build(), props);
        updates = driver.createInputTopic(Topics.UPDATES.name(), new StringSerializer(), new StringSerializer());
        outbox = output(Topics.OUTBOX);
        ledger = output(Topics.LEDGER);
        users = output(Topics.USERS);
        deadLetters = output(Topics.UPDATES_DLQ);
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void startRegistersTheUserGrantsTheBonusAndWelcomesThem() {
        updates.pipeInput("42", message(1, 42, "/start"));

        assertThat(users.readValuesToList()).singleElement().satisfies(profile -> {
            assertThat(profile.userId()).isEqualTo(42);
            assertThat(profile.firstName()).isEqualTo("Ada");
        });
        assertThat(ledger.readKeyValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.key).isEqualTo("42");
            assertThat(entry.value.entryId()).isEqualTo("update:1/ledger:0");
            assertThat(entry.value.delta()).isEqualTo(3);
            assertThat(entry.value.balanceAfter()).isEqualTo(3);
            assertThat(entry.value.kind()).isEqualTo(LedgerKind.SIGNUP_BONUS);
        });
        assertThat(outbox.readKeyValuesToList()).singleElement().satisfies(reply -> {
            assertThat(reply.key).isEqualTo("42");
            assertThat(reply.value.outboxId()).isEqualTo("update:1/reply:0");
            assertThat(reply.value.method()).isEqualTo(OutboxMessage.SEND_MESSAGE);
            assertThat((String) reply.value.params().get("text")).contains("3 credits");
        });
    }

    @Test
    void aSecondStartGrantsNothing() {
        updates.pipeInput("42", message(1, 42, "/start"));
        ledger.readValuesToList();
        outbox.readValuesToList();

        updates.pipeInput("42", message(2, 42, "/start"));

        assertThat(ledger.isEmpty()).isTrue();
        assertThat((String) outbox.readValue().params().get("text")).contains("Welcome back").contains("3 credits");
    }

    @Test
    void balanceAnswersWithTheCurrentBalance() {
        updates.pipeInput("42", message(1, 42, "/start"));
        outbox.readValuesToList();

        updates.pipeInput("42", message(2, 42, "/balance"));

        assertThat((String) outbox.readValue().params().get("text")).isEqualTo("Your balance: <b>3 credits</b>.");
    }

    @Test
    void anUpdateSeenBeforeIsDroppedWithoutAnyEffect() {
        updates.pipeInput("42", message(7, 42, "/start"));
        outbox.readValuesToList();
        ledger.readValuesToList();
        users.readValuesToList();

        updates.pipeInput("42", message(7, 42, "/start"));

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(users.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsReasonAndTheNextUpdateIsStillAnswered() {
        updates.pipeInput("42", "{\"update_id\": 5, \"message\": ");
        updates.pipeInput("42", message(6, 42, "/help"));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.sourceTopic()).isEqualTo("tg.updates");
        assertThat(letter.reason()).contains("not JSON");
        assertThat(new String(letter.payload())).isEqualTo("{\"update_id\": 5, \"message\": ");
        assertThat(outbox.readValuesToList()).hasSize(1);
    }

    @Test
    void anUpdateKeyedByAnotherUserIsDeadLettered() {
        updates.pipeInput("7", message(1, 42, "/start"));

        assertThat(deadLetters.readValue().reason()).contains("not the sender's user id");
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void freeTextGetsAHint() {
        updates.pipeInput("42", message(1, 42, "hello there"));

        List<OutboxMessage> replies = outbox.readValuesToList();
        assertThat(replies).singleElement()
                .satisfies(reply -> assertThat((String) reply.params().get("text")).contains("/help"));
    }
}
