package io.contactdesk.localstack.deployment;

import static io.contactdesk.localstack.deployment.ComposeFileTest.ROOT;
import static io.contactdesk.localstack.deployment.ComposeFileTest.map;
import static io.contactdesk.localstack.deployment.ComposeFileTest.readString;
import static io.contactdesk.localstack.deployment.ComposeFileTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.tls.yml}, the encrypted option, read as compose would merge it over docker-compose.yml: each
 * service reaches Kafka as its own SCRAM principal over SASL_SSL and PostgreSQL with verify-full, and neither server
 * offers its clients anything unencrypted.
 */
class ComposeTlsFileTest {

    private static final List<String> KAFKA_CLIENTS =
            List.of("ingress-poller", "command-processor", "db-writer", "notifier", "ops-console");

    @Test
    void everyServiceConnectsToKafkaAsItsOwnScramPrincipalOverSaslSsl() {
        for (String name : KAFKA_CLIENTS) {
            Map<String, Object> env = environment(name);
            assertThat(env).as(name).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_USERNAME", name)
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/contactdesk/tls/truststore.p12");
            String variable = "KAFKA_PASSWORD_" + name.toUpperCase().replace('-', '_');
            assertThat(String.valueOf(env.get("KAFKA_SASL_PASSWORD"))).as(name)
                    .isEqualTo("${" + variable + ":?set " + variable + " in .env}");
            assertThat(map(service("kafka-users").get("environment"))).as("SCRAM user of " + name).containsKey(variable);
            assertThat(map(service(name).get("depends_on"))).as(name).containsKey("kafka-users");
        }
    }

    @Test
    void theBrokerOffersClientsSaslSslOnlyAndKeepsItsPlaintextListenerInsideItsContainer() {
        Map<String, Object> kafka = map(service("kafka").get("environment"));
        assertThat(String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS")))
                .contains("SASL_SSL://kafka:9092").doesNotContain("PLAINTEXT://kafka");
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENERS"))).contains("INTERNAL://127.0.0.1:");
        assertThat(kafka).containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL");
    }

    @Test
    void databaseUrlsVerifyTheServerAgainstTheCa() {
        for (String name : List.of("db-writer", "notifier")) {
            assertThat(String.valueOf(environment(name).get("DATABASE_URL"))).as(name)
                    .startsWith("postgresql://contactdesk:${POSTGRES_PASSWORD:?")
                    .endsWith("@postgres:5432/contactdesk?sslmode=verify-full&sslrootcert=/etc/contactdesk/tls/ca.crt");
        }
    }

    @Test
    void postgresRunsWithTlsAndRejectsTcpWithoutIt() {
        assertThat(String.join(" ", list(service("postgres").get("command"))))
                .contains("ssl=on", "ssl_key_file=/etc/contactdesk/tls/server.key",
                        "hba_file=/etc/contactdesk/tls/pg_hba.conf");
        assertThat(readString(ROOT.resolve("deploy/tls/pg_hba.conf")))
                .containsPattern("(?m)^hostnossl\\s+all\\s+all\\s+all\\s+reject")
                .doesNotContainPattern("(?m)^host\\s");
    }

    @Test
    void noPasswordHasADefaultAndNoKeyIsCommitted() {
        services().forEach((name, service) -> {
            Map<String, Object> env = map(map(service).get("environment"));
            (env == null ? Map.<String, Object>of() : env).forEach((variable, value) -> {
                if (String.valueOf(variable).contains("PASSWORD")) {
                    assertThat(String.valueOf(value)).as(name + " " + variable).contains(":?").doesNotContain(":-");
                }
            });
        });
        assertThat(readString(ROOT.resolve("deploy/tls/.gitignore"))).contains("*.p12", "*.key");
    }

    @Test
    void theOptionAndItsVariablesAreDocumentedInTheReadme() {
        String readme = readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("docker-compose.tls.yml");
        for (String variable : List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME",
                "KAFKA_SASL_PASSWORD", "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_PASSWORD",
                "KAFKA_KEYSTORE_PASSWORD", "KAFKA_TRUSTSTORE_PASSWORD")) {
            assertThat(readme).as(variable).contains("`" + variable + "`");
        }
    }

    private static Map<String, Object> services() {
        return map(yaml(ROOT.resolve("docker-compose.tls.yml")).get("services"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service " + name + " in docker-compose.tls.yml").isNotNull();
        return service;
    }

    private static Map<String, Object> environment(String name) {
        return map(service(name).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return (List<String>) value;
    }
}
