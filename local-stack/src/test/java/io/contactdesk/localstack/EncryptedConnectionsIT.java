package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "encrypted connections, tested": the broker accepts SASL_SSL (SCRAM-SHA-512) only and PostgreSQL TLS only,
 * both certified by a CA made for this run. A {@code /start} still travels through the four services, each its own
 * SCRAM principal with the README's settings; the stack's ops console reads the broker the same way; and a client that does
 * not encrypt, or does not authenticate, is refused by both servers.
 */
class EncryptedConnectionsIT {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dataDir;

    private static EncryptedConnections encryption;
    private static LocalStack stack;
    private static StacksOpsConsole console;

    @BeforeAll
    static void startEncryptedStack() throws Exception {
        Path certificates = Files.createDirectories(dataDir.resolve("certificates"));
        encryption = TestCertificates.create(certificates, Map.of(
                EncryptedConnections.STACK, "stack-secret",
                "ingress-poller", "poller-secret",
                "command-processor", "processor-secret",
                "db-writer", "writer-secret",
                "notifier", "notifier-secret",
                "ops-console", "console-secret"));
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir.resolve("stack"), null, null, "", null, 0,
                null), encryption).start();
        console = StacksOpsConsole.of(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void startTravelsThroughEveryServiceOverEncryptedConnections() throws Exception {
        // given the stack whose broker and database refuse anything unencrypted
        SandboxUser user = new SandboxUser(stack.telegramApiUrl(), 42);

        // when user 42 starts the bot
        user.sends("/start");

        // then poller, processor and notifier carried it through the broker: the welcome arrives
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);
        assertThat(user.chat().get(0)).contains("3 credits");
        // and db-writer wrote the signup bonus to PostgreSQL, read back over TLS verified against the test CA
        Ledger ledger = new Ledger(verifiedJdbcUrl(), stack.postgres().user(), stack.postgres().password());
        await().atMost(PIPELINE).until(() -> !ledger.deltasOf(42).isEmpty());
        assertThat(ledger.deltasOf(42)).containsExactly(3L);
    }

    @Test
    void theOpsConsoleReadsTheBrokerOverSaslSsl() {
        // when the console has sampled the broker's consumer groups and the services' heartbeats
        // then it lists db-writer's group (Admin client) and the four services' instances (consumer)
        await().atMost(PIPELINE).untilAsserted(() -> {
            String session = consoleSession();
            JsonNode lag = Json.mapper().readTree(get("/api/lag", session));
            assertThat(lag.findValuesAsText("group")).contains("contactdesk-db-writer");
            JsonNode instances = Json.mapper().readTree(get("/api/instances", session));
            assertThat(instances.findValuesAsText("service"))
                    .contains("ingress-poller", "command-processor", "db-writer", "notifier");
        });
    }

    @Test
    void aPlaintextKafkaClientIsRefused() {
        // given a client that neither encrypts nor authenticates
        try (Admin plaintext = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000))) {
            // when it asks for the topics, then the broker never answers it (it hangs up on the unencrypted bytes)
            assertThatThrownBy(() -> plaintext.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aKafkaClientWithAWrongPasswordIsRefused() {
        // given a client over TLS that claims to be the notifier with a wrong password
        Map<String, Object> config = stack.kafka().clientConfig();
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"notifier\" password=\"guessed\";");
        try (Admin impostor = Admin.create(config)) {
            // then authentication fails
            assertThatThrownBy(() -> impostor.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        // while the stack's own principal reaches the same broker
        try (Admin stackAdmin = Admin.create(stack.kafka().clientConfig())) {
            await().atMost(PIPELINE).until(() -> stackAdmin.listTopics().names().get(30, TimeUnit.SECONDS)
                    .contains(Topics.UPDATES.name()));
        }
    }

    @Test
    void aPostgresConnectionWithoutTlsIsRefused() {
        // given the application role's right password, but no TLS
        String plaintext = stack.postgres().jdbcUrl() + "?sslmode=disable";

        // then PostgreSQL rejects the connection (pg_hba.conf: hostnossl … reject)
        assertThatThrownBy(() -> DriverManager.getConnection(plaintext, stack.postgres().user(),
                stack.postgres().password()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
    }

    private static String verifiedJdbcUrl() {
        return stack.postgres().jdbcUrl() + "?" + encryption.databaseUrlParameters();
    }

    private static int consolePort() {
        return console.port();
    }

    private static String consoleSession() throws Exception {
        String form = "password=" + URLEncoder.encode(console.password(), StandardCharsets.UTF_8);
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + consolePort() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new AssertionError("console login failed: " + login.statusCode()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String get(String path, String cookie) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + consolePort() + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }
}
