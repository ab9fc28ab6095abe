package io.contactdesk.notifier.support;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.notifier.NotifierApplication;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.testsupport.SandboxClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a notifier runs against in the integration tests: a real KRaft broker, a real PostgreSQL and the Bot API
 * sandbox for one bot, plus the processor's keyring. Closing it stops the notifiers it started, then the three.
 */
public final class NotifierTestStack implements AutoCloseable {

    private final String token;
    private final String keyring = ContactCipher.generateKeyringEntry("k1");
    private final List<ConfigurableApplicationContext> notifiers = new CopyOnWriteArrayList<>();
    private KraftBroker broker;
    private EmbeddedPostgresServer postgres;
    private TelegramSandbox telegram;

    private NotifierTestStack(String token) {
        this.token = token;
    }

    /** With the sandbox's default flood limits. */
    public static NotifierTestStack start(String token) {
        return start(token, FloodLimits.DEFAULT);
    }

    public static NotifierTestStack start(String token, FloodLimits floodLimits) {
        NotifierTestStack stack = new NotifierTestStack(token);
        // PostgreSQL's initdb takes seconds: start it while the broker starts.
        CompletableFuture<EmbeddedPostgresServer> database =
                CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.builder().build().start());
        try {
            stack.broker = KraftBroker.builder().build().start();
            stack.postgres = database.join();
            stack.telegram = TelegramSandbox.builder().port(0).token(token).floodLimits(floodLimits).build().start();
            return stack;
        } catch (RuntimeException e) {
            if (stack.postgres == null) {
                database.thenAccept(EmbeddedPostgresServer::close);
            }
            stack.close();
            throw e;
        }
    }

    public KraftBroker broker() {
        return broker;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public TelegramSandbox telegram() {
        return telegram;
    }

    /** The sandbox as the tests drive it. */
    public SandboxClient sandbox() {
        return new SandboxClient(telegram.baseUrl(), token);
    }

    /** The processor's keyring: contacts are sealed under it, and the notifiers open them with it. */
    public String keyring() {
        return keyring;
    }

    /** What every notifier on this stack is started with, then {@code extra}. */
    public List<String> notifierArguments(String... extra) {
        return argumentsFor(token, telegram.baseUrl(), keyring, broker.bootstrapServers(), postgres.url(), extra);
    }

    /** A notifier's settings for parts started elsewhere (a test whose database is not up yet, say). */
    public static List<String> argumentsFor(String token, String telegramApiUrl, String keyring,
            String bootstrapServers, String databaseUrl, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--TELEGRAM_TOKEN=" + token,
                "--TELEGRAM_API_URL=" + telegramApiUrl,
                "--CONTACT_ENCRYPTION_KEYS=" + keyring,
                "--KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers,
                "--DATABASE_URL=" + databaseUrl,
                "--SERVER_PORT=0"));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    /**
     * A notifier in this JVM; closing the stack closes it first (a test may close it earlier: closing is idempotent).
     *
     * <p>One at a time: each Spring application sets up the JVM's one Logback context as it starts, and two doing so at
     * once fail now and then ("Unable to find Spring Environment in logger context", seen in CI).
     */
    public synchronized ConfigurableApplicationContext startNotifier(String... extra) {
        ConfigurableApplicationContext notifier = ServiceLauncher.application("notifier", NotifierApplication.class)
                .run(notifierArguments(extra).toArray(String[]::new));
        notifiers.add(notifier);
        return notifier;
    }

    @Override
    public void close() {
        notifiers.forEach(ConfigurableApplicationContext::close);
        if (telegram != null) {
            telegram.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
