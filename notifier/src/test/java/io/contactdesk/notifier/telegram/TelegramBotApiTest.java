package io.contactdesk.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * The real telegrambots client against a scripted HTTP server: how its failures really arrive (wrapped,
 * unwrapped, parsed or not) decides retry or dead letter, so it is checked on the wire, not assumed.
 */
class TelegramBotApiTest {

    private static final String TOKEN = "123456:secret-token";

    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private TelegramBotApi botApi;

    @AfterEach
    void stop() {
        if (botApi != null) {
            botApi.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void floodAnswerCarriesRetryAfter() {
        answer(429, "application/json",
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "hi")))
                .isInstanceOfSatisfying(BotApiException.class, failure -> {
                    assertThat(failure.origin()).isEqualTo(BotApiException.Origin.BOT_API);
                    assertThat(failure.errorCode()).isEqualTo(429);
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void badRequestKeepsTelegramsDescription() {
        answer(400, "application/json",
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");

        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "hi")))
                .isInstanceOfSatisfying(BotApiException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(400);
                    assertThat(failure.description()).isEqualTo("Bad Request: chat not found");
                });
    }

    @Test
    void proxyErrorPageIsTelegramNotReached() {
        answer(502, "text/html", "<html><body>502 Bad Gateway</body></html>");

        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "hi")))
                .isInstanceOfSatisfying(BotApiException.class, failure ->
                        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.TRANSPORT));
    }

    @Test
    void emptyTextIsRefusedBeforeSendingNotTakenForAnOutage() {
        answer(200, "application/json", "{\"ok\":true,\"result\":true}");

        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "")))
                .isInstanceOfSatisfying(BotApiException.class, failure -> {
                    assertThat(failure.origin()).isEqualTo(BotApiException.Origin.REJECTED_BEFORE_SENDING);
                    assertThat(failure.getMessage()).contains("Text parameter can't be empty");
                });
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusedConnectionIsTransportAndNeverShowsTheToken() throws IOException {
        answer(200, "application/json", "{}");
        server.stop(0); // nothing listens on the port any more

        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "hi")))
                .isInstanceOfSatisfying(BotApiException.class, failure -> {
                    assertThat(failure.origin()).isEqualTo(BotApiException.Origin.TRANSPORT);
                    assertThat(failure.getMessage()).doesNotContain("secret-token");
                });
        server = null;
    }

    @Test
    void aCallWhoseResultIsUnreadSendsExactlyTheWrappedCall() throws BotApiException {
        answer(200, "application/json",
                "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1796600000,\"chat\":{\"id\":42,\"type\":\"private\"}}}");
        SendMessage message = new SendMessage("42", "<b>hi</b>");
        message.setParseMode("HTML");

        botApi.execute(message);
        botApi.execute(ResultUnreadCall.of(message));

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).isEqualTo(calls.get(0));
    }

    @Test
    void anAcceptedCallsResultIsNotBound() throws BotApiException {
        // a result telegrambots cannot bind to a Message
        answer(200, "application/json", "{\"result\":{\"message_id\":\"not a number\"},\"ok\":true}");

        assertThat(botApi.execute(ResultUnreadCall.of(new SendMessage("42", "hi")))).isTrue();
        assertThatThrownBy(() -> botApi.execute(new SendMessage("42", "hi")))
                .isInstanceOfSatisfying(BotApiException.class, failure ->
                        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.UNREADABLE_ANSWER));
    }

    @Test
    void aRefusedCallWhoseResultIsUnreadCarriesRetryAfter() {
        answer(429, "application/json",
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        assertThatThrownBy(() -> botApi.execute(ResultUnreadCall.of(new SendMessage("42", "hi"))))
                .isInstanceOfSatisfying(BotApiException.class, failure -> {
                    assertThat(failure.origin()).isEqualTo(BotApiException.Origin.BOT_API);
                    assertThat(failure.errorCode()).isEqualTo(429);
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void aCallWhoseResultIsUnreadIsStillValidatedBeforeSending() {
        answer(200, "application/json", "{\"ok\":true,\"result\":true}");

        assertThatThrownBy(() -> botApi.execute(ResultUnreadCall.of(new SendMessage("42", ""))))
                .isInstanceOfSatisfying(BotApiException.class, failure ->
                        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.REJECTED_BEFORE_SENDING));
        assertThat(requests).hasValue(0);
    }

    @Test
    void everyDeliveryThreadHasItsCallUnderWayAtOnce() throws Exception {
        // given a Bot API that answers only once 32 calls (the notifier's delivery threads) are under way together
        int callsAtOnce = 32;
        CountDownLatch arrived = new CountDownLatch(callsAtOnce);
        AtomicInteger answeredAlone = new AtomicInteger();
        serve(exchange -> {
            arrived.countDown();
            if (!awaitQuietly(arrived)) {
                answeredAlone.incrementAndGet();
            }
            return "{\"ok\":true,\"result\":true}";
        });

        // when 32 threads call at once
        callAtOnce(callsAtOnce);

        // then all 32 calls were under way together: none waited in the client for another to end (OkHttp's default
        // dispatcher, which telegrambots' execute goes through, lets 5 calls per host go at once)
        assertThat(answeredAlone).hasValue(0);
    }

    @Test
    void connectionsABurstOfCallsOpenedAreKeptForTheNextBurst() throws Exception {
        // given a Bot API that answers once all calls of a burst are under way, so each burst holds that many connections
        int callsAtOnce = 16;
        AtomicReference<CountDownLatch> burst = new AtomicReference<>();
        Set<String> connections = ConcurrentHashMap.newKeySet();
        serve(exchange -> {
            connections.add(exchange.getRemoteAddress().toString());
            CountDownLatch arrived = burst.get();
            arrived.countDown();
            awaitQuietly(arrived);
            return "{\"ok\":true,\"result\":true}";
        });

        // when two bursts come one after the other
        burst.set(new CountDownLatch(callsAtOnce));
        callAtOnce(callsAtOnce);
        Set<String> openedByTheFirst = Set.copyOf(connections);
        burst.set(new CountDownLatch(callsAtOnce));
        callAtOnce(callsAtOnce);

        // then the second reuses every connection the first opened: against api.telegram.org each new one is a TCP
        // and a TLS handshake added to a reply (OkHttp's default pool keeps 5 idle and closes the rest)
        assertThat(openedByTheFirst).hasSize(callsAtOnce);
        assertThat(connections).isEqualTo(openedByTheFirst);
    }

    private void callAtOnce(int calls) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(callers.submit(() -> botApi.execute(ResultUnreadCall.of(new SendMessage("42", "hi")))));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** Whether the latch opened within a few seconds. */
    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(4, TimeUnit.SECONDS); // within the client's call timeout of 5 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void answer(int status, String contentType, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/bot" + TOKEN + "/", exchange -> {
            requests.incrementAndGet();
            calls.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        start();
    }

    /** A Bot API answering every call with {@code ok}'s body from {@code answer}, each call on a thread of its own. */
    private void serve(Function<HttpExchange, String> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/bot" + TOKEN + "/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = answer.apply(exchange).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        start();
    }

    private void start() {
        server.start();
        TelegramCallSettings settings = new TelegramCallSettings(
                TOKEN, "http://localhost:" + server.getAddress().getPort(), Duration.ofSeconds(5));
        botApi = new TelegramBotApi(settings, new SimpleMeterRegistry(), new BotApiStatus(), Clock.systemUTC());
    }
}
