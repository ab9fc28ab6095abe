package io.contactdesk.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

    @TempDir
    Path dir;

    @Test
    void nothingSetMeansPlaintextAndNoExtraProperties() {
        KafkaSecurity security = KafkaSecurity.from(Map.<String, String>of()::get);

        assertThat(security.protocol()).isEqualTo("PLAINTEXT");
        assertThat(security.clientProperties()).isEmpty();
    }

    @Test
    void saslSslBecomesScramClientProperties() throws Exception {
        Path truststore = Files.writeString(dir.resolve("truststore.p12"), "");

        Map<String, String> properties = KafkaSecurity.from(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "notifier",
                "KAFKA_SASL_PASSWORD", "pa\"ss",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit")::get).clientProperties();

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"notifier\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "changeit");
    }

    @Test
    void saslWithoutAUserNamesKafkaSaslUsername() {
        assertThatThrownBy(() -> KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("KAFKA_SASL_USERNAME is not set");
    }

    @Test
    void saslWithoutAPasswordNamesKafkaSaslPassword() {
        assertThatThrownBy(() -> KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "notifier")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("KAFKA_SASL_PASSWORD is not set");
    }

    @Test
    void anUnknownProtocolOrMechanismIsNamed() {
        assertThatThrownBy(() -> KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS")::get))
                .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL must be");
        assertThatThrownBy(() -> KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p")::get))
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM must be");
    }

    @Test
    void aMissingTruststoreFileIsNamed() {
        assertThatThrownBy(() -> KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", dir.resolve("absent.p12").toString())::get))
                .hasMessageStartingWith("KAFKA_SSL_TRUSTSTORE_LOCATION names no readable file");
    }

    @Test
    void thePasswordNeverAppearsInToStringOrErrors() {
        KafkaSecurity security = KafkaSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "notifier", "KAFKA_SASL_PASSWORD", "s3cret-value")::get);

        assertThat(security.toString()).doesNotContain("s3cret-value").contains("notifier");
        assertThat(new KafkaConnection("broker:9093", security).toString()).doesNotContain("s3cret-value");
    }
}
