package io.contactdesk.localstack.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No Docker engine runs on the build machines, so the production compose file is checked by reading
 * it: what {@code docker compose config} would reject, or what would fail only once deployed.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("ingress-poller", "command-processor", "db-writer", "notifier");
    private static final Map<String, String> SERVICE_PORTS = Map.of(
            "ingress-poller", "8091", "command-processor", "8092", "db-writer", "8093", "notifier", "8094",
            "ops-console", "8095");

    @Test
    void everyServiceHasAnImageOrABuild() {
        services().forEach((name, service) -> assertThat(map(service).get("image") != null
                || map(service).get("build") != null).as(name + " has an image or a build").isTrue());
    }

    @Test
    void eachPipelineServiceIsBuiltFromItsOwnModule() {
        for (String name : SERVICES) {
            Map<String, Object> build = map(service(name).get("build"));
            assertThat(map(build.get("args"))).as(name).containsEntry("SERVICE", name);
            assertThat(ROOT.resolve(name).resolve("pom.xml")).as(name + " module").exists();
        }
        assertThat(ROOT.resolve("Dockerfile")).exists();
        assertThat(readString(ROOT.resolve("Dockerfile"))).contains("ARG SERVICE", "${SERVICE}/target/${SERVICE}.jar");
    }

    @Test
    void scalableServicesPublishNoHostPortsAndHaveNoFixedContainerName() {
        for (String name : SERVICES) {
            assertThat(service(name)).as(name).doesNotContainKeys("ports", "container_name");
        }
    }

    @Test
    void servicesReachKafkaAndEachOtherByComposeNames() {
        for (String name : SERVICES) {
            Map<String, Object> env = map(service(name).get("environment"));
            assertThat(env).as(name).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(env).as(name).containsEntry("SERVER_PORT", SERVICE_PORTS.get(name));
        }
        assertThat(String.valueOf(map(service("db-writer").get("environment")).get("DATABASE_URL")))
                .startsWith("postgresql://contactdesk:").endsWith("@postgres:5432/contactdesk");
        assertThat(map(service("kafka").get("environment"))).containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        assertThat(String.valueOf(service("kafka").get("image"))).startsWith("apache/kafka:");
    }

    @Test
    void theWebhookProfilePutsNginxInFrontOfEveryIngressReplica() {
        Map<String, Object> proxy = service("webhook-proxy");
        assertThat(String.valueOf(proxy.get("profiles"))).isEqualTo("[webhook]");
        assertThat(String.valueOf(proxy.get("image"))).startsWith("nginx:");
        assertThat(String.valueOf(proxy.get("ports"))).isEqualTo("[443:443]");
        assertThat(String.valueOf(proxy.get("volumes"))).contains("./deploy/nginx/webhook.conf:/etc/nginx/conf.d/default.conf:ro");
        Map<String, Object> ingress = map(service("ingress-poller").get("environment"));
        assertThat(ingress).containsEntry("TELEGRAM_WEBHOOK_URL", "${TELEGRAM_WEBHOOK_URL:-}")
                .containsEntry("TELEGRAM_WEBHOOK_SECRET",
                        "${TELEGRAM_WEBHOOK_SECRET?set TELEGRAM_WEBHOOK_SECRET in .env (empty when polling)}");
        // nginx reaches every replica by the service name, on the port each one serves
        String conf = readString(ROOT.resolve("deploy/nginx/webhook.conf"));
        assertThat(conf).contains("http://ingress-poller:" + ingress.get("WEBHOOK_PORT"), "resolver 127.0.0.11",
                "listen 443 ssl", "location = /telegram/webhook");
        assertThat(readString(ROOT.resolve("deploy/example.env"))).contains("TELEGRAM_WEBHOOK_URL=", "TELEGRAM_WEBHOOK_SECRET=");
    }

    @Test
    void secretsComeFromTheEnvironmentAndAreRequired() {
        assertThat(String.valueOf(map(service("notifier").get("environment")).get("TELEGRAM_TOKEN")))
                .isEqualTo("${TELEGRAM_TOKEN:?set TELEGRAM_TOKEN in .env}");
        assertThat(String.valueOf(map(service("postgres").get("environment")).get("POSTGRES_PASSWORD")))
                .startsWith("${POSTGRES_PASSWORD:?");
        assertThat(ROOT.resolve("deploy/example.env")).exists();
        // The poller seals updates with the keyring, the processor opens them and seals contacts, the notifier reveals.
        for (String name : List.of("ingress-poller", "command-processor", "notifier")) {
            assertThat(String.valueOf(map(service(name).get("environment")).get("CONTACT_ENCRYPTION_KEYS"))).as(name)
                    .isEqualTo("${CONTACT_ENCRYPTION_KEYS:?set CONTACT_ENCRYPTION_KEYS in .env}");
        }
    }

    @Test
    void noPasswordOrSecretHasADefault() {
        // Grafana's image would otherwise start with admin/admin on a published port
        assertThat(String.valueOf(map(service("grafana").get("environment")).get("GF_SECURITY_ADMIN_PASSWORD")))
                .isEqualTo("${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD in .env}");
        for (String name : services().keySet()) {
            Map<String, Object> environment = map(service(name).get("environment"));
            (environment == null ? Map.<String, Object>of() : environment).forEach((variable, value) -> {
                if (String.valueOf(variable).matches(".*(PASSWORD|SECRET|TOKEN|KEYS?)$")) {
                    // ${VAR:?…} (required) or ${VAR?…} (must be in .env, may be empty: a secret only one mode needs)
                    assertThat(String.valueOf(value)).as(name + " " + variable).containsPattern("\\$\\{[A-Z_]+:?\\?")
                            .doesNotContain(":-");
                }
            });
        }
    }

    @Test
    void everyVariableGivenToAServiceIsDocumentedInTheReadme() {
        String readme = readString(ROOT.resolve("README.md"));
        for (String name : SERVICES) {
            for (Object variable : map(service(name).get("environment")).keySet()) {
                assertThat(readme).as(name + " sets " + variable).contains("`" + variable + "`");
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPortThroughDns() {
        Map<String, Object> prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));
        for (String name : SERVICE_PORTS.keySet()) {
            Map<String, Object> job = jobs.stream().filter(j -> name.equals(j.get("job_name"))).findFirst().orElseThrow(
                    () -> new AssertionError("no scrape job for " + name));
            assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
            Map<String, Object> dns = list(job.get("dns_sd_configs")).get(0);
            assertThat(dns.get("names")).isEqualTo(List.of(name));
            assertThat(String.valueOf(dns.get("port"))).isEqualTo(SERVICE_PORTS.get(name));
        }
        assertThat(services()).containsKeys("prometheus", "grafana");
    }

    private static Map<String, Object> services() {
        return map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
