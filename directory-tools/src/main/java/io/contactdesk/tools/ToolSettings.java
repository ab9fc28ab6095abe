package io.contactdesk.tools;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import java.util.Map;

/**
 * What both tools read from the environment (docs/architecture.md section 3). Passed a map rather than reading
 * {@link System#getenv()} so tests can run the tools against their own broker and keyring.
 *
 * @param partitions and {@code replicationFactor}: only used when the {@code listings} topic does not exist yet, with
 *        the same variables and defaults the services use, so the tool creates it exactly as they would
 */
public record ToolSettings(KafkaConnection kafka, ContactCipher cipher, int partitions, short replicationFactor) {

    public static final String BOOTSTRAP = KafkaConnection.BOOTSTRAP;
    public static final String PARTITIONS = "KAFKA_TOPIC_PARTITIONS";
    public static final String REPLICATION = "KAFKA_REPLICATION_FACTOR";

    public static ToolSettings fromEnv(Map<String, String> env) {
        KafkaConnection kafka = KafkaConnection.from(env::get);
        ContactCipher cipher = ContactCipher.fromKeyring(env.get(ContactCipher.VARIABLE));
        int partitions = Settings.positive(PARTITIONS, integer(env, PARTITIONS, 12));
        int replication = Settings.positive(REPLICATION, integer(env, REPLICATION, 1));
        if (replication > Short.MAX_VALUE) {
            throw new InvalidSettingException(REPLICATION, "is too large: " + replication);
        }
        return new ToolSettings(kafka, cipher, partitions, (short) replication);
    }

    /** {@value #BOOTSTRAP}, defaulting to a local broker like the services do. */
    public static String bootstrapServers(Map<String, String> env) {
        String value = env.get(BOOTSTRAP);
        return value == null || value.isBlank() ? "localhost:9092" : value.trim();
    }

    private static int integer(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(variable, "must be a whole number, got '" + value.trim() + "'");
        }
    }
}
