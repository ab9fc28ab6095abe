package io.contactdesk.contracts.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How every Kafka client of a service or tool authenticates and encrypts, from {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME} / {@code KAFKA_SASL_PASSWORD} and
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION} / {@code _PASSWORD}. The one place these variables become client properties:
 * Spring Kafka's clients get them as {@code spring.kafka.properties.*} (see {@code KafkaSecurityEnvironment}), every
 * client built by hand through {@link KafkaConnection#clientConfig()}.
 *
 * <p>Its {@code toString} and every message leave the password out: the JAAS line carries it in clear.
 */
public record KafkaSecurity(String protocol, String saslMechanism, String username, String password,
        String truststoreLocation, String truststorePassword) {

    public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String USERNAME = "KAFKA_SASL_USERNAME";
    public static final String PASSWORD = "KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE = "KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_PASSWORD = "KAFKA_SSL_TRUSTSTORE_PASSWORD";

    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null, null);

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** SCRAM only: PLAIN would send the password itself, GSSAPI and OAUTHBEARER need settings this project lacks. */
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256");

    /** The settings as {@code setting} (an environment, a Spring {@code Environment::getProperty}) gives them. */
    public static KafkaSecurity from(Function<String, String> setting) {
        String protocol = orDefault(setting.apply(PROTOCOL), "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidSettingException(PROTOCOL, "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got '"
                    + protocol + "'");
        }
        boolean sasl = protocol.startsWith("SASL_");
        boolean ssl = protocol.endsWith("SSL");
        String mechanism = null;
        String username = null;
        String password = null;
        if (sasl) {
            mechanism = orDefault(setting.apply(MECHANISM), "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw new InvalidSettingException(MECHANISM, "must be SCRAM-SHA-512 or SCRAM-SHA-256, got '"
                        + mechanism + "'");
            }
            username = Settings.required(USERNAME, setting.apply(USERNAME), "the service's SASL user ("
                    + PROTOCOL + "=" + protocol + ")");
            password = setting.apply(PASSWORD);
            if (password == null || password.isEmpty()) {
                throw InvalidSettingException.missing(PASSWORD, "the SASL password of " + USERNAME);
            }
            if (username.contains("\"") || username.contains("\\")) {
                throw new InvalidSettingException(USERNAME, "must not contain a quote or a backslash");
            }
        }
        String truststore = null;
        String truststorePassword = null;
        if (ssl) {
            // Without a truststore the JVM's default CAs decide: right for a broker with a public certificate.
            truststore = blankToNull(setting.apply(TRUSTSTORE));
            if (truststore != null && !Files.isReadable(Path.of(truststore))) {
                throw new InvalidSettingException(TRUSTSTORE, "names no readable file: " + truststore);
            }
            truststorePassword = blankToNull(setting.apply(TRUSTSTORE_PASSWORD));
        }
        return new KafkaSecurity(protocol, mechanism, username, password, truststore, truststorePassword);
    }

    /** What a Kafka client (producer, consumer, admin, Streams) needs besides its bootstrap servers. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return properties;
        }
        properties.put("security.protocol", protocol);
        if (saslMechanism != null) {
            properties.put("sasl.mechanism", saslMechanism);
            properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + username + "\" password=\"" + escaped(password) + "\";");
        }
        if (truststoreLocation != null) {
            properties.put("ssl.truststore.location", truststoreLocation);
            properties.put("ssl.truststore.type", truststoreLocation.toLowerCase(Locale.ROOT).endsWith(".jks")
                    ? "JKS" : "PKCS12");
            if (truststorePassword != null) {
                properties.put("ssl.truststore.password", truststorePassword);
            }
        }
        return properties;
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (saslMechanism == null ? "" : ", " + saslMechanism + " as " + username)
                + (truststoreLocation == null ? "" : ", truststore " + truststoreLocation) + "]";
    }

    /** The JAAS line's quoted strings end at an unescaped quote. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String orDefault(String value, String fallback) {
        String given = blankToNull(value);
        return given == null ? fallback : given;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
