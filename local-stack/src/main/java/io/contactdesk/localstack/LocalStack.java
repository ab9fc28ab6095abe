package io.contactdesk.localstack;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.dbwriter.DbWriterApplication;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.notifier.NotifierApplication;
import io.contactdesk.ops.OpsConsoleApplication;
import io.contactdesk.ops.OpsConsoleSettings;
import io.contactdesk.poller.IngressPollerApplication;
import io.contactdesk.processor.CommandProcessorApplication;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.sandbox.webhook.WebhookSenderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine with nothing installed: a real KRaft broker, a real PostgreSQL,
 * the Bot API sandbox (or real Telegram), the four services and the ops console, each in its own Spring context.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** The services in the order of their ports, from {@code SERVICES_FIRST_PORT} up. */
    static final List<String> SERVICES_BY_PORT =
            List.of("ingress-poller", "command-processor", "db-writer", "notifier", "ops-console");

    private final LocalStackSettings settings;
    private final EncryptedConnections encryption;
    private final List<ServiceInstance> services = new ArrayList<>();
    private KraftBroker broker;
    private EmbeddedPostgresServer postgres;
    private TelegramSandbox sandbox;
    private Path logFile;

    public LocalStack(LocalStackSettings settings) {
        this(settings, null);
    }

    /** @param encryption SASL_SSL to the broker and TLS to PostgreSQL, or null for plaintext as usual */
    public LocalStack(LocalStackSettings settings, EncryptedConnections encryption) {
        this.settings = settings;
        this.encryption = encryption;
    }

    public LocalStack start() {
        logFile = LocalStackLogging.install(settings);
        FixedPorts.requireFree(settings);
        log.info("starting in {} (the full log is in {})", settings.dataDir(), logFile);
        try {
            startInfrastructure();
            startServices();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startInfrastructure() {
        // Broker and database do not depend on each other: start them side by side; the sandbox follows the broker.
        CompletableFuture<Void> kafka = settings.externalKafka() != null
                ? CompletableFuture.completedFuture(null)
                : labelled("kafka", () -> broker = KraftBroker.builder()
                        .port(settings.kafkaPort())
                        // A fixed controller port next to the client port: the same broker on every restart.
                        .controllerPort(settings.kafkaPort() == 0 ? 0 : settings.kafkaPort() + 1)
                        .dataDir(settings.kafkaDir())
                        .saslSsl(encryption == null ? null : encryption.broker())
                        .build()
                        .start());
        EmbeddedPostgresServer.Builder databaseServer = EmbeddedPostgresServer.builder();
        if (encryption != null) {
            databaseServer.tls(encryption.certificate(), encryption.privateKey());
        }
        CompletableFuture<Void> database = labelled("postgres", () -> postgres = databaseServer
                .port(settings.postgresPort())
                .dataDir(settings.postgresDir())
                .database(LocalStackSettings.DATABASE)
                .user(LocalStackSettings.DATABASE, LocalStackSettings.DATABASE)
                .build()
                .start());
        join(CompletableFuture.allOf(kafka, database));
        if (settings.usesSandbox()) {
            long firstUpdateId = nextUpdateId();
            join(labelled("sandbox", () -> sandbox = TelegramSandbox.builder()
                    .port(settings.sandboxPort())
                    .token(LocalStackSettings.SANDBOX_TOKEN)
                    .firstUpdateId(firstUpdateId)
                    // Webhook mode on this machine: plain http to localhost, and quick retries after a restart.
                    .webhook(new WebhookSenderSettings(true, Duration.ofMillis(500), Duration.ofSeconds(10),
                            Duration.ofSeconds(30)))
                    .build()
                    .start()));
        }
    }

    /**
     * Telegram's update ids only grow: a new sandbox on a kept data directory continues after the last id the ingress
     * published ({@link NextUpdateId}), or its first updates would count as confirmed or as repeats.
     */
    private long nextUpdateId() {
        long botId = Long.parseLong(LocalStackSettings.SANDBOX_TOKEN.substring(0, LocalStackSettings.SANDBOX_TOKEN.indexOf(':')));
        return NextUpdateId.after(kafka(), botId);
    }

    private void startServices() {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        common.put("TELEGRAM_TOKEN", telegramToken());
        common.put("TELEGRAM_API_URL", telegramApiUrl());
        common.put("DATABASE_URL", databaseUrl());
        common.put("ADMIN_USER_IDS", settings.adminUserIds());
        common.put("STREAMS_STATE_DIR", settings.streamsDir().toString());
        common.put("CONTACT_ENCRYPTION_KEYS", LocalKeyring.resolve(settings.contactEncryptionKeys(), settings.dataDir()));
        common.put("PAYMENT_PAYLOAD_KEY", LocalKeyring.paymentPayloadKey(System.getenv("PAYMENT_PAYLOAD_KEY"),
                settings.dataDir()));
        // Referral links name the bot: the sandbox's own, or (with real Telegram) BOT_USERNAME from the environment.
        if (settings.usesSandbox()) {
            common.put("BOT_USERNAME", sandbox.botUsername());
        }

        List<CompletableFuture<ServiceInstance>> starting = new ArrayList<>();
        starting.add(startService("command-processor", CommandProcessorApplication.class, common));
        starting.add(startService("db-writer", DbWriterApplication.class, common));
        starting.add(startService("notifier", NotifierApplication.class, common));
        // Added after the notifier, so stopped before it: its answers to /health and /lag go through tg.outbox.
        starting.add(startService("ops-console", OpsConsoleApplication.class, opsConsole()));
        Map<String, String> ingress = new LinkedHashMap<>(common);
        if (settings.webhook() != null) {
            ingress.put("TELEGRAM_WEBHOOK_URL", settings.webhook().url());
            ingress.put("TELEGRAM_WEBHOOK_SECRET", settings.webhook().secret());
            ingress.put("WEBHOOK_PORT", Integer.toString(settings.webhook().port()));
        }
        starting.add(startService("ingress-poller", IngressPollerApplication.class, ingress));
        // Every start is waited for, failed or not: a context still starting when the stack closes would keep
        // running, and hold the JVM's exit on its start-up lock.
        RuntimeException failure = null;
        for (CompletableFuture<ServiceInstance> service : starting) {
            try {
                services.add(join(service));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The console needs only the broker and its login: the bot token, the database and the keyring stay out of it, as
     * in docker-compose.yml.
     */
    private Map<String, String> opsConsole() {
        Map<String, String> console = new LinkedHashMap<>();
        console.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        console.put(OpsConsoleSettings.PASSWORD_VARIABLE, LocalKeyring.opsConsolePassword(
                System.getenv(OpsConsoleSettings.PASSWORD_VARIABLE), settings.dataDir()));
        console.put(OpsConsoleSettings.SECRET_VARIABLE, LocalKeyring.opsConsoleSecret(
                System.getenv(OpsConsoleSettings.SECRET_VARIABLE), settings.dataDir()));
        return console;
    }

    private int servicePort(String service) {
        int first = settings.firstServicePort();
        return first == 0 ? 0 : first + SERVICES_BY_PORT.indexOf(service);
    }

    private CompletableFuture<ServiceInstance> startService(
            String name, Class<?> application, Map<String, String> common) {
        Map<String, String> serviceSettings = new LinkedHashMap<>(common);
        serviceSettings.put("SERVER_PORT", Integer.toString(servicePort(name)));
        if (encryption != null) {
            // each service as its own principal, as docs/architecture.md's ACLs expect
            serviceSettings.putAll(encryption.kafkaSettings(name));
        }
        // Tomcat's scratch directory under the stack's data, created before the services start. Tomcat keeps its home
        // in the JVM-wide catalina.home; a second stack in one JVM found the first one's (deleted) there and its four
        // services raced to re-create it with File.mkdirs, which fails for all but one ("Unable to create the
        // directory … to use as the home directory").
        Path tomcat = settings.dataDir().resolve("tomcat").resolve(name);
        try {
            Files.createDirectories(tomcat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tomcat, e);
        }
        System.setProperty("catalina.home", settings.dataDir().resolve("tomcat").toAbsolutePath().toString());
        serviceSettings.put("server.tomcat.basedir", tomcat.toString());
        CompletableFuture<ServiceInstance> started = new CompletableFuture<>();
        ServiceLabel.thread(name, () -> {
            try {
                long begun = System.nanoTime();
                var context = ServiceLauncher.application(name, application)
                        .run(ServiceInstance.arguments(serviceSettings));
                ServiceInstance service = new ServiceInstance(name, context);
                log.info("{} started in {} s on port {}", name, (System.nanoTime() - begun) / 1_000_000 / 1000.0,
                        service.port());
                started.complete(service);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }).start();
        return started;
    }

    /** Runs {@code start} on a thread of its own whose log lines, and its threads' lines, name {@code part}. */
    private static CompletableFuture<Void> labelled(String part, Runnable start) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ServiceLabel.thread(part, () -> {
            try {
                start.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }).start();
        return done;
    }

    /** The full log of this run (the console shows only part of it, see {@link LogDetail}). */
    public Path logFile() {
        return logFile;
    }

    /** How the stack's own clients, and tests, reach its broker: as {@link EncryptedConnections#STACK} when encrypted. */
    public KafkaConnection kafka() {
        return encryption == null ? KafkaConnection.plaintext(kafkaBootstrapServers())
                : encryption.kafka(kafkaBootstrapServers(), EncryptedConnections.STACK);
    }

    public String kafkaBootstrapServers() {
        return settings.externalKafka() != null ? settings.externalKafka() : broker.bootstrapServers();
    }

    public String telegramApiUrl() {
        return settings.usesSandbox() ? sandbox.baseUrl() : settings.telegramApiUrl();
    }

    public String telegramToken() {
        return settings.usesSandbox() ? LocalStackSettings.SANDBOX_TOKEN : settings.telegramToken();
    }

    /** The libpq form, which both the services and {@code psql} accept; with TLS, verified against the CA. */
    public String databaseUrl() {
        return "postgresql://" + postgres.user() + ":" + postgres.password() + "@localhost:" + postgres.port()
                + "/" + LocalStackSettings.DATABASE + (encryption == null ? "" : "?" + encryption.databaseUrlParameters());
    }

    public TelegramSandbox sandbox() {
        return sandbox;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public List<ServiceInstance> services() {
        return List.copyOf(services);
    }

    public LocalStackSettings settings() {
        return settings;
    }

    /** Stops in the reverse order of the data flow, so nothing is left half-sent. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            quietly(services.get(i)::stop, services.get(i).name());
        }
        services.clear();
        if (sandbox != null) {
            quietly(sandbox::close, "sandbox");
        }
        if (postgres != null) {
            quietly(postgres::close, "postgres");
        }
        if (broker != null) {
            quietly(broker::close, "kafka");
        }
    }

    private static void quietly(Runnable stop, String what) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            log.warn("stopping {} failed: {}", what, e.toString());
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
