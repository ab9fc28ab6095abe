package io.contactdesk.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.contactdesk.sandbox.botapi.BotApiHandler;
import io.contactdesk.sandbox.botapi.Faults;
import io.contactdesk.sandbox.chat.BotIdentity;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.control.ControlApiHandler;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.http.Router;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.payments.Payments;
import io.contactdesk.sandbox.replies.ReplyLog;
import io.contactdesk.sandbox.spec.SpecViolationLog;
import io.contactdesk.sandbox.stats.Stats;
import io.contactdesk.sandbox.updates.UpdateQueue;
import io.contactdesk.sandbox.web.ChatPageHandler;
import io.contactdesk.sandbox.webhook.WebhookSender;
import io.contactdesk.sandbox.webhook.WebhookSenderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Telegram Bot API for one bot: the Bot API at {@code {baseUrl}/bot{token}/{method}} and a
 * control API at {@code {baseUrl}/sandbox/...} that plays the users (see docs/architecture.md section 4), and a
 * chat page at {@code {baseUrl}/} where a person plays one of them in a browser.
 *
 * <pre>{@code
 * try (TelegramSandbox sandbox = TelegramSandbox.builder().port(0).build().start()) {
 *     String api = sandbox.baseUrl();
 * }
 * }</pre>
 */
public final class TelegramSandbox implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "100000001:local-sandbox-token";

    static {
        // Without TCP_NODELAY the JDK server's separately written headers and body meet the client's
        // delayed ACK: ~40 ms per call instead of ~1 ms. The JDK reads this once, when its first
        // HttpServer is created, so an explicit setting by the application wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final BuilderSnapshot config;
    private final UpdateQueue updates;
    private final WebhookSender webhook;
    private final Router router;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private TelegramSandbox(BuilderSnapshot config) {
        this.config = config;
        BotIdentity bot = BotIdentity.fromToken(config.token(), config.botFirstName(), config.botUsername());
        Stats stats = new Stats();
        ChatStore chats = new ChatStore(config.clock(), config.messagesKeptPerChat());
        CallbackQueries callbackQueries = new CallbackQueries();
        TelegramObjects objects = new TelegramObjects(bot);
        Faults faults = new Faults();
        SpecViolationLog violations = new SpecViolationLog();
        ReplyLog replies = new ReplyLog(config.clock());
        Payments payments = new Payments(config.clock());
        this.updates = new UpdateQueue(stats, config.firstUpdateId(), config.clock(), replies::delivered);
        this.webhook = new WebhookSender(updates, config.webhook(), config.clock());
        TelegramFloodLimiter flood = new TelegramFloodLimiter(config.floodLimits(), config.clock());
        this.router = new Router(
                new BotApiHandler(config.token(), chats, updates, callbackQueries, flood,
                        objects, stats, faults, violations, webhook, replies, config.responseLatency(), payments),
                new ControlApiHandler(chats, updates, callbackQueries, objects, stats, faults, violations, replies,
                        payments, flood),
                new ChatPageHandler());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this for chaining. */
    public synchronized TelegramSandbox start() {
        if (server != null || closed) {
            throw new IllegalStateException("a sandbox starts once");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the sandbox to " + config.bindAddress() + ":" + config.port(), e);
        }
        // Long polls hold a thread each for their whole timeout, so the pool grows on demand.
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("start() the sandbox first");
        }
        return server.getAddress().getPort();
    }

    /** The bot's @username (without the @), as {@code getMe} answers it: what deep links name. */
    public String botUsername() {
        return config.botUsername();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public String token() {
        return config.token();
    }

    /** Stops serving; waiting long polls return at once. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        webhook.close();
        updates.close();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "telegram-sandbox-" + count.incrementAndGet());
            // A test that forgets close() must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a sandbox; every one has a default that suits tests. */
    public static final class Builder {

        private int port;
        private String bindAddress = "localhost";
        private String token = DEFAULT_TOKEN;
        private String botUsername = "contactdesk_bot";
        private String botFirstName = "ContactDesk";
        private FloodLimits floodLimits = FloodLimits.DEFAULT;
        private long firstUpdateId;
        private Clock clock = Clock.systemUTC();
        private WebhookSenderSettings webhook = WebhookSenderSettings.DEFAULT;
        private Duration responseLatency = Duration.ZERO;
        private int messagesKeptPerChat;

        private Builder() {
        }

        /** 0 (the default) picks a free ephemeral port; read it back with {@link #port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Where to listen; "localhost" by default, "0.0.0.0" to serve other machines or containers. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /** The one token the Bot API accepts; its numeric part before ':' is the bot's user id. */
        public Builder token(String token) {
            BotIdentity.fromToken(Objects.requireNonNull(token), "", "");
            this.token = token;
            return this;
        }

        public Builder botUsername(String botUsername) {
            this.botUsername = Objects.requireNonNull(botUsername);
            return this;
        }

        public Builder botFirstName(String botFirstName) {
            this.botFirstName = Objects.requireNonNull(botFirstName);
            return this;
        }

        public Builder floodLimits(FloodLimits floodLimits) {
            this.floodLimits = Objects.requireNonNull(floodLimits);
            return this;
        }

        /** For benchmarks that measure the bot, not Telegram's throttling. */
        public Builder disableFloodLimits() {
            return floodLimits(FloodLimits.DISABLED);
        }

        /**
         * The id of the first update; 0 (the default) picks one at random, as Telegram's ids do not start at 1. A
         * sandbox replacing another for the same bot continues after the last id its poller published, as Telegram's
         * ids would.
         */
        public Builder firstUpdateId(long firstUpdateId) {
            if (firstUpdateId < 0 || firstUpdateId > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("update ids are positive 32-bit numbers: " + firstUpdateId);
            }
            this.firstUpdateId = firstUpdateId;
            return this;
        }

        /** The sandbox's clock: message dates, webhook error dates, and when undelivered updates expire (24 h). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * How webhooks are checked and delivered to. By default Telegram's rule holds (https, ports 443/80/88/8443);
         * tests and the local stack, which serve plain http on a free local port, ask for
         * {@link WebhookSenderSettings#allowLocalPlainHttp()}.
         */
        public Builder webhook(WebhookSenderSettings webhook) {
            this.webhook = Objects.requireNonNull(webhook);
            return this;
        }

        /**
         * How long every Bot API answer is held back, as the round trip to Telegram's servers would (0 by default): a
         * benchmark of the poller's ceiling needs a realistic one, since {@code getUpdates} returns at most 100 updates
         * per round trip.
         */
        public Builder responseLatency(Duration responseLatency) {
            if (responseLatency.isNegative() || responseLatency.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("response latency must be 0 to 10 s: " + responseLatency);
            }
            this.responseLatency = responseLatency;
            return this;
        }

        /**
         * How many messages of each direction, and callback answers, a chat keeps; 0 (the default) keeps all, as
         * Telegram does. A benchmark sets it: millions of kept messages would fill the heap of the JVM that serves
         * the sandbox and slow every system measured after the first. An edit of a message no longer kept is
         * answered "message to edit not found", so keep more than the bots under test edit back.
         */
        public Builder messagesKeptPerChat(int messagesKeptPerChat) {
            if (messagesKeptPerChat < 0) {
                throw new IllegalArgumentException("messages kept per chat must be 0 (all) or more: " + messagesKeptPerChat);
            }
            this.messagesKeptPerChat = messagesKeptPerChat;
            return this;
        }

        public TelegramSandbox build() {
            return new TelegramSandbox(new BuilderSnapshot(port, bindAddress, token, botUsername, botFirstName,
                    floodLimits, firstUpdateId, clock, webhook, responseLatency, messagesKeptPerChat));
        }
    }

    /** A snapshot of the builder, so that reusing a builder cannot change a built sandbox. */
    private record BuilderSnapshot(int port, String bindAddress, String token, String botUsername,
                                   String botFirstName, FloodLimits floodLimits, long firstUpdateId, Clock clock,
                                   WebhookSenderSettings webhook, Duration responseLatency, int messagesKeptPerChat) {
    }
}
