package io.contactdesk.notifier.telegram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API through telegrambots' OkHttp client, pointed at {@code TELEGRAM_API_URL}. Counts every answer by
 * code ({@code contactdesk.botapi.responses}) and remembers the latest for the health check.
 */
final class TelegramBotApi implements BotApi, AutoCloseable {

    static final String RESPONSES = "contactdesk.botapi.responses";
    /**
     * Bot API calls this notifier may have under way at once, and connections kept open between them. telegrambots
     * sends every call through OkHttp's asynchronous dispatcher (its {@code execute} waits for {@code executeAsync}),
     * whose defaults allow 5 calls per host and keep 5 idle connections: the 32 delivery threads, the broadcast lane
     * and the alerts shared 5 calls to api.telegram.org, each reply queued behind others' round trips. 64 covers every
     * thread that calls (NOTIFIER_DELIVERY_THREADS' default 32, 3 broadcast consumers, alerts, reconciliation, health)
     * with room to spare. OkHttp opens a connection only when all kept ones are busy, so keeping 64 costs nothing
     * until a burst needed them, and then saves each later call a TCP and TLS handshake.
     */
    static final int MAX_CALLS_IN_FLIGHT = 64;

    private final OkHttpClient http;
    private final TelegramClient client;
    private final String token;
    private final MeterRegistry meters;
    private final BotApiStatus status;
    private final Clock clock;

    TelegramBotApi(TelegramCallSettings settings, MeterRegistry meters, BotApiStatus status, Clock clock) {
        long timeout = settings.callTimeout().toMillis();
        this.http = new OkHttpClient.Builder()
                // One bound for the whole call, so a stalled Telegram costs a known time before the retry.
                .callTimeout(timeout, TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(timeout, 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .addInterceptor(TelegramBotApi::requireBotApiAnswer)
                .dispatcher(dispatcher())
                .connectionPool(new ConnectionPool(MAX_CALLS_IN_FLIGHT, 5, TimeUnit.MINUTES))
                .build();
        this.client = new OkHttpTelegramClient(http, settings.token(), settings.telegramUrl());
        this.token = settings.token();
        this.meters = meters;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public <T extends Serializable> T execute(BotApiMethod<T> method) throws BotApiException {
        try {
            T result = client.execute(method);
            count("200");
            status.succeeded(clock.instant());
            return result;
        } catch (TelegramApiException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            BotApiException failure = BotApiException.from(e, token);
            switch (failure.origin()) {
                case BOT_API -> count(Integer.toString(failure.errorCode()));
                case TRANSPORT -> count("none");
                case UNREADABLE_ANSWER -> count("unreadable");
                case REJECTED_BEFORE_SENDING -> { } // nothing was sent
            }
            status.failed(failure, clock.instant());
            throw failure;
        }
    }

    @Override
    public void close() {
        // OkHttp's dispatcher threads are not daemons: release them with the context.
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Dispatcher dispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CALLS_IN_FLIGHT);
        dispatcher.setMaxRequestsPerHost(MAX_CALLS_IN_FLIGHT);
        return dispatcher;
    }

    private void count(String code) {
        Counter.builder(RESPONSES).tag("code", code).register(meters).increment();
    }

    /**
     * A proxy's or load balancer's error page (HTML 502, 504…) is not a Bot API answer: treat it as Telegram
     * not reached, which is retried, instead of letting telegrambots fail to parse it.
     */
    private static Response requireBotApiAnswer(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful() || looksLikeJson(response)) {
            return response;
        }
        int code = response.code();
        response.close();
        throw new IOException("HTTP " + code + " without a Bot API answer");
    }

    private static boolean looksLikeJson(Response response) throws IOException {
        MediaType type = response.body() == null ? null : response.body().contentType();
        if (type != null && type.subtype().contains("json")) {
            return true;
        }
        return response.peekBody(256).string().stripLeading().startsWith("{");
    }
}
