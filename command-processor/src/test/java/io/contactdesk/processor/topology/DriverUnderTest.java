package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.SealedInput;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.streams.TopologyDrivers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The command topology with {@link TestRules} in a {@code TopologyTestDriver} with production's Streams properties
 * ({@link TopologyDrivers}), for feature tests that feed it updates; closing it fails the test if anything was set aside.
 */
final class DriverUnderTest implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final SealedInput updates;
    private final TestOutputTopic<String, DeadLetter> deadLetters;

    DriverUnderTest(String applicationId, Path stateDir, Instant start) {
        driver = TopologyDrivers.start(new CommandTopology(new CommandRouter(TestRules.rules()),
                new SimpleMeterRegistry(), 1).build(), applicationId, stateDir, start);
        updates = new SealedInput(driver.createInputTopic(Topics.UPDATES.name(), new StringSerializer(),
                new StringSerializer()));
        deadLetters = output(Topics.UPDATES_DLQ);
    }

    /** Telegram's updates, sealed as the ingress seals them. */
    SealedInput updates() {
        return updates;
    }

    <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde().serializer());
    }

    /** Closes the driver; fails when an update was dead-lettered or a record's handling failed. */
    @Override
    public void close() {
        List<DeadLetter> updatesSetAside = deadLetters.readValuesToList();
        List<String> handlingSetAside = driver.createOutputTopic(ProcessorTopics.DEAD_LETTERS, new StringDeserializer(),
                new StringDeserializer()).readValuesToList();
        driver.close();
        assertThat(updatesSetAside).isEmpty();
        assertThat(handlingSetAside).as("records whose handling failed").isEmpty();
    }
}
