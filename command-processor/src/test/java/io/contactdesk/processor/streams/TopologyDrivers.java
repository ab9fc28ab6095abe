package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.processor.TestRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The one way processor tests drive a topology: with the Streams properties production runs with
 * ({@link StreamsConfiguration#streamsProperties}: exactly-once, and the error handling that sets a failed record aside
 * in {@code contactdesk.processor.dlq}), so what runs in production is what is under test. Only the application id and
 * the state directory are the test's own (the default directory under /tmp is shared by every build on the machine).
 */
public final class TopologyDrivers {

    private TopologyDrivers() {
    }

    /** @param start the driver's wall clock at the start (punctuators and record times are relative to it) */
    public static TopologyTestDriver start(Topology topology, String applicationId, Path stateDir, Instant start) {
        return new TopologyTestDriver(topology, properties(applicationId, stateDir), start);
    }

    /** Production's properties for {@link TestRules}' settings; the broker is never contacted. */
    static Properties properties(String applicationId, Path stateDir) {
        ProcessorSettings settings = new ProcessorSettings("unused:9092", applicationId, stateDir.toString(), 1, 1, 1,
                3, 1, 2, 10, 60, TestRules.ADMIN + "," + TestRules.OTHER_ADMIN, TestRules.KEYRING, "",
                "10:50,50:200,120:400", TestRules.PAYMENT_PAYLOAD_KEY, 1, TestRules.BOT_USERNAME);
        return StreamsConfiguration.streamsProperties(settings, KafkaConnection.plaintext(settings.bootstrapServers()));
    }
}
