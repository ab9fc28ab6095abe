package io.contactdesk.localstack;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.config.KafkaSecurity;
import io.contactdesk.infra.SaslSsl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack as production runs it: the broker takes SASL_SSL (SCRAM-SHA-512) only, PostgreSQL TLS only, and
 * every service connects as its own principal, verifying both servers against one CA.
 *
 * @param keystore the broker's key and certificate (PKCS12, {@code keystorePassword})
 * @param truststore the CA for the Kafka clients (PKCS12, {@code truststorePassword})
 * @param certificate the PostgreSQL server's certificate (PEM) and {@code privateKey} its key (PEM, PKCS#8)
 * @param caCertificate the CA (PEM) for {@code sslrootcert}
 * @param passwords SCRAM password of each principal: every service's name, and {@link #STACK} for the stack itself
 */
public record EncryptedConnections(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
        Path certificate, Path privateKey, Path caCertificate, Map<String, String> passwords) {

    /** The principal of the stack's own clients (which update id the sandbox starts from). */
    public static final String STACK = "local-stack";

    public EncryptedConnections {
        passwords = Map.copyOf(passwords);
    }

    SaslSsl broker() {
        return new SaslSsl(keystore, keystorePassword, passwords);
    }

    /** The settings a client of {@code principal} is given, as the README names them. */
    public Map<String, String> kafkaSettings(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user for " + principal);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(KafkaSecurity.PROTOCOL, "SASL_SSL");
        settings.put(KafkaSecurity.MECHANISM, SaslSsl.MECHANISM);
        settings.put(KafkaSecurity.USERNAME, principal);
        settings.put(KafkaSecurity.PASSWORD, password);
        settings.put(KafkaSecurity.TRUSTSTORE, truststore.toString());
        settings.put(KafkaSecurity.TRUSTSTORE_PASSWORD, truststorePassword);
        return settings;
    }

    public KafkaConnection kafka(String bootstrapServers, String principal) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.from(kafkaSettings(principal)::get));
    }

    /** What {@code DATABASE_URL} appends: TLS, and the server's name checked against its certificate. */
    public String databaseUrlParameters() {
        return "sslmode=verify-full&sslrootcert=" + caCertificate.toAbsolutePath();
    }

    @Override
    public String toString() {
        return "EncryptedConnections[principals=" + passwords.keySet() + "]";
    }
}
