package io.contactdesk.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.FreePort;
import io.contactdesk.infra.process.BrokerProcess;
import io.contactdesk.infra.process.ServiceProcess;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a run needs, with production's settings: the broker as its own process, PostgreSQL, the Bot API sandbox
 * with Telegram's flood limits, and each service as {@code instances} OS processes with {@code FLOOD_CONTROL=shared}
 * (the notifiers keep Telegram's limits together, in PostgreSQL). Ten listings are published and seen end to end.
 */
final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    static final String TOKEN = "100000001:local-sandbox-token";
    static final List<String> SERVICES = List.of("ingress-poller", "command-processor", "db-writer", "notifier");
    static final long SIGNUP_BONUS = 3;
    static final long UNLOCK_COST = 1;
    static final int LISTINGS = 10;
    private static final long PROBE = 899;
    private static final String KEYRING = ContactCipher.generateKeyringEntry("k1");

    final BrokerProcess broker;
    final EmbeddedPostgresServer postgres;
    final TelegramSandbox sandbox;
    final SandboxClient chats;
    final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    /** Listing id → its contact in clear. */
    final Map<String, String> contacts = new LinkedHashMap<>();

    /**
     * @param logFolder under {@code targetDir}: each launch logs to {@code <instance>-<n>.log} there
     * @param admins    the user ids the processor treats as admins
     * @param notifiers instances of the notifier (the other services run {@code instances} each)
     */
    Stack(Path work, Path targetDir, String logFolder, int instances, int notifiers, List<Long> admins,
            List<String> jvmArgs) throws Exception {
        Path logDir = Files.createDirectories(targetDir.resolve(logFolder));
        try (var old = Files.list(logDir)) {
            old.forEach(file -> file.toFile().delete());
        }
        int kafkaPort = freePortWithNeighbour();
        broker = new BrokerProcess(kafkaPort, kafkaPort + 1, work.resolve("kafka"), logDir);
        broker.start();
        postgres = EmbeddedPostgresServer.builder().port(FreePort.any()).dataDir(work.resolve("postgres"))
                .database("contactdesk").user("contactdesk", "contactdesk").build().start();
        // Telegram's limits, as the notifiers meet them in production: 1 message a second per chat, 30 per bot.
        sandbox = TelegramSandbox.builder().port(0).token(TOKEN).build().start();
        chats = new SandboxClient(sandbox.baseUrl());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("TELEGRAM_TOKEN", TOKEN);
        environment.put("TELEGRAM_API_URL", sandbox.baseUrl());
        environment.put("DATABASE_URL", postgres.url());
        environment.put("FLOOD_CONTROL", "shared");
        environment.put("CONTACT_ENCRYPTION_KEYS", KEYRING);
        environment.put("PAYMENT_PAYLOAD_KEY", Settings.generateSecretKey(32));
        environment.put("BOT_USERNAME", "contactdesk_bot");
        environment.put("ADMIN_USER_IDS", admins.stream().map(String::valueOf).collect(Collectors.joining(",")));
        environment.put("POLL_TIMEOUT_SECONDS", "1");
        environment.put("RATE_LIMIT_MAX_REQUESTS", "1000");
        environment.put("SIGNUP_BONUS_CREDITS", Long.toString(SIGNUP_BONUS));
        environment.put("UNLOCK_COST_CREDITS", Long.toString(UNLOCK_COST));
        Path jars = targetDir.resolve("chaos-jars");
        Path repoRoot = targetDir.getParent().getParent();
        for (String module : SERVICES) {
            List<ServiceProcess> replicas = new ArrayList<>();
            int count = module.equals("notifier") ? notifiers : instances;
            for (int i = 1; i <= count; i++) {
                replicas.add(new ServiceProcess(module, i, repoRoot, environment, FreePort.any(), logDir,
                        Files.createDirectories(work.resolve("streams")), jvmArgs, jars));
            }
            // As in production (docker-compose.yml): an instance that cannot start while the broker is away exits,
            // and is started again.
            replicas.forEach(ServiceProcess::restartOnExit);
            services.put(module, replicas);
        }
        long started = System.nanoTime();
        all().forEach(ServiceProcess::start);
        for (ServiceProcess service : all()) {
            if (!service.awaitHealthy(Duration.ofMinutes(4))) {
                throw new AssertionError(service.name() + " did not become healthy at start-up:\n" + service.tail(40));
            }
        }
        log.info("{} service instances healthy after {} s", all().size(), (System.nanoTime() - started) / 1_000_000_000);
        publishListings();
    }

    List<ServiceProcess> all() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        all().forEach(service -> quietly(service::stop));
        quietly(sandbox::close);
        quietly(postgres::close);
        quietly(broker::stop);
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    long count(String sql) {
        try (Connection db = database(); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Messages sent plus messages edited plus taps answered by the bot so far: grows with every reply delivered. */
    long repliesDelivered() {
        JsonNode calls = chats.stats().path("calls");
        return calls.path("sendMessage").asLong() + calls.path("editMessageText").asLong()
                + calls.path("answerCallbackQuery").asLong();
    }

    /** Rows db-writer has written so far: grows with every fact that reaches PostgreSQL. */
    long rowsWritten() {
        try {
            return count("select (select count(*) from credit_ledger) + (select count(*) from users)"
                    + " + (select count(*) from unlocks)");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Ten ACTIVE listings, contacts sealed with the keyring, published as an importer would; then seen end to end. */
    private void publishListings() throws Exception {
        String[] categories = {"Plumbing", "Electrical", "Cleaning"};
        ContactCipher cipher = ContactCipher.fromKeyring(KEYRING);
        Instant now = Instant.now();
        try (KafkaProducer<String, Listing> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), Topics.LISTINGS.valueSerde().serializer())) {
            for (int i = 0; i < LISTINGS; i++) {
                String id = "chaos-listing-" + i;
                String contact = String.format(Locale.ROOT, "+49 30 5550 %04d", i);
                contacts.put(id, contact);
                Listing listing = new Listing(id, "Chaos listing " + i, categories[i % categories.length], "Berlin",
                        "Listing number " + i + " of the chaos suite.", cipher.encrypt(contact, id),
                        ListingStatus.ACTIVE, 0, now, null, null, now);
                producer.send(new ProducerRecord<>(Topics.LISTINGS.name(), id, listing)).get(30, TimeUnit.SECONDS);
            }
        }
        // The processor's directory knows the last one, and db-writer has stored all of them.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "chaos-listing-" + (LISTINGS - 1);
        boolean seen = false;
        while (System.nanoTime() < deadline && !seen) {
            chats.userWrites(PROBE, "U" + PROBE, "/view " + last);
            ServiceProcess.sleep(1500);
            seen = BotMessage.in(chats, PROBE).stream()
                    .anyMatch(m -> m.text().contains("Chaos listing " + (LISTINGS - 1)))
                    && count("select count(*) from listings where listing_id like 'chaos-listing-%'") == LISTINGS;
        }
        if (!seen) {
            throw new AssertionError("the listings did not reach the processor and PostgreSQL within 90 s");
        }
    }


    private static int freePortWithNeighbour() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePort.any();
            if (port < 65535) {
                try (var next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two neighbouring free ports");
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("while stopping: {}", e.toString());
        }
    }
}
