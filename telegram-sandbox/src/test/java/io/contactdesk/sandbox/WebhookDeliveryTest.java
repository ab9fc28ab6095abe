package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.sandbox.webhook.WebhookSenderSettings;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox as Telegram's webhook sender, against a real HTTP endpoint on this machine. */
class WebhookDeliveryTest extends SandboxTestBase {

    private static final String SECRET = "s3cret_-token";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final MovableClock clock = new MovableClock();
    private Endpoint endpoint;

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.clock(clock)
                .webhook(new WebhookSenderSettings(true, Duration.ofMillis(50), Duration.ofMillis(200), TIMEOUT));
    }

    @AfterEach
    void stopEndpoint() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void everyUpdateIsPostedOnceWithTheSecretHeaderAndConfirmedByA2xx() {
        endpoint = Endpoint.answering(() -> 200);
        long first = client.userWrites(USER, "one");
        long second = client.userWrites(USER, "two");

        assertThat(setWebhook(Map.of("secret_token", SECRET)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.bodies.size() == 2 && pending() == 0);
        assertThat(endpoint.bodies).extracting(body -> body.get("update_id").asLong()).containsExactlyInAnyOrder(first, second);
        assertThat(endpoint.secrets).containsOnly(SECRET);
        assertThat(webhookInfo().has("last_error_date")).isFalse();
    }

    @Test
    void aFailedDeliveryIsRetriedAndReportedByGetWebhookInfo() {
        AtomicInteger calls = new AtomicInteger();
        endpoint = Endpoint.answering(() -> calls.incrementAndGet() <= 2 ? 503 : 200);
        long id = client.userWrites(USER, "hello");

        setWebhook(Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        assertThat(endpoint.bodies).extracting(body -> body.get("update_id").asLong()).containsExactly(id, id, id);
        JsonNode info = webhookInfo();
        assertThat(info.get("last_error_message").asText()).isEqualTo("Wrong response from the webhook: 503 Service Unavailable");
        assertThat(info.get("last_error_date").asLong()).isBetween(clock.instant().getEpochSecond() - 10,
                clock.instant().getEpochSecond());
        assertThat(BotApiSpec.get().checkObject("WebhookInfo", info)).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        endpoint = Endpoint.answering(() -> {
            if (calls.incrementAndGet() == 1) {
                sleep(TIMEOUT.plusMillis(500));
            }
            return 200;
        });
        client.userWrites(USER, "slow");

        setWebhook(Map.of());

        await().atMost(Duration.ofSeconds(15)).until(() -> pending() == 0);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(webhookInfo().get("last_error_message").asText()).isEqualTo("Read timeout expired");
    }

    @Test
    void noMoreThanMaxConnectionsRequestsAreInFlightAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        endpoint = Endpoint.answering(() -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            awaitQuietly(release);
            inFlight.decrementAndGet();
            return 200;
        });
        for (int i = 0; i < 10; i++) {
            client.userWrites(USER + i, "hi " + i);
        }

        setWebhook(Map.of("max_connections", 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inFlight.get() == 3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        assertThat(peak.get()).isEqualTo(3);
        assertThat(webhookInfo().get("max_connections").asInt()).isEqualTo(3);
    }

    @Test
    void anUpdateNotDeliveredWithin24HoursIsDropped() {
        endpoint = Endpoint.answering(() -> 500);
        client.userWrites(USER, "never answered");
        setWebhook(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.bodies.size() >= 1);

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(pending()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));

        assertThat(pending()).isZero();
    }

    @Test
    void getUpdatesIsAConflictWhileAWebhookIsSetAndWorksAgainAfterDeleteWebhook() {
        endpoint = Endpoint.answering(() -> 500);
        setWebhook(Map.of());

        assertThat(client.bot("getUpdates", Map.of()).body().get("description").asText()).isEqualTo(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
                        + "webhook first");
        client.bot("deleteWebhook", Map.of("drop_pending_updates", false));
        assertThat(client.bot("getUpdates", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void withoutLocalPlainHttpOnlyHttpsOnTelegramsPortsIsAccepted() {
        try (TelegramSandbox strict = TelegramSandbox.builder().port(0).build().start()) {
            SandboxClient strictClient = new SandboxClient(strict.baseUrl(), strict.token());

            assertThat(strictClient.bot("setWebhook", Map.of("url", "http://localhost:8443/hook")).body()
                    .get("description").asText()).isEqualTo("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
            assertThat(strictClient.bot("setWebhook", Map.of("url", "https://example.org:9000/hook")).body()
                    .get("description").asText())
                    .isEqualTo("Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
            assertThat(strictClient.bot("setWebhook", Map.of("url", "https://example.org:8443/hook")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void localPlainHttpIsAllowedOnlyForThisMachine() {
        SandboxClient.Answer answer = client.bot("setWebhook", Map.of("url", "http://example.org:8080/hook"));

        assertThat(answer.body().get("description").asText())
                .isEqualTo("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    }

    @Test
    void aSecretTokenOutsideTelegramsAlphabetIsRefused() {
        SandboxClient.Answer answer = client.bot("setWebhook",
                Map.of("url", "http://localhost:1/hook", "secret_token", "not base64+/="));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("description").asText()).isEqualTo("Bad Request: secret token contains unallowed characters");
        assertThat(webhookInfo().get("url").asText()).isEmpty();
    }

    private SandboxClient.Answer setWebhook(Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(extra);
        params.put("url", endpoint.url());
        return client.bot("setWebhook", params);
    }

    private JsonNode webhookInfo() {
        return client.bot("getWebhookInfo", Map.of()).result();
    }

    private int pending() {
        return webhookInfo().get("pending_update_count").asInt();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // plays a slow endpoint, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bot's webhook endpoint: records each body and secret header, answers with the status it is given. */
    private static final class Endpoint implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        final ConcurrentLinkedQueue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> secrets = new ConcurrentLinkedQueue<>();
        private final HttpServer server;

        private Endpoint(IntSupplier status) throws IOException {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    bodies.add(JSON.readTree(exchange.getRequestBody()));
                    String secret = exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
                    secrets.add(secret == null ? "(none)" : secret);
                    exchange.sendResponseHeaders(status.getAsInt(), -1);
                }
            });
            server.start();
        }

        static Endpoint answering(IntSupplier status) {
            try {
                return new Endpoint(status);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The system clock, moved forward by hand so that 24 hours pass at once; retries still come due on their own. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

        void advance(Duration duration) {
            ahead.updateAndGet(at -> at.plus(duration));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
