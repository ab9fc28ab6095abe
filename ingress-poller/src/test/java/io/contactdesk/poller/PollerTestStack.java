package io.contactdesk.poller;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.TopicProvisioning;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.sandbox.webhook.WebhookSenderSettings;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a poller runs against in the integration tests: a real KRaft broker and the Bot API sandbox for one bot, with
 * the users' side of the sandbox and read_committed consumers. Closing it stops both (the pollers go first).
 */
final class PollerTestStack implements AutoCloseable {

    static final String TOKEN = "100000001:local-sandbox-token";
    static final long BOT_ID = 100000001L;
    static final String KEYRING = ContactCipher.generateKeyringEntry("it1");
    static final SealedUpdates SEALS = new SealedUpdates(ContactCipher.fromKeyring(KEYRING));
    static final String WEBHOOK_SECRET = "it-webhook-secret_0123456789";

    private final KraftBroker broker;
    private final TelegramSandbox sandbox;

    private PollerTestStack(KraftBroker broker, TelegramSandbox sandbox) {
        this.broker = broker;
        this.sandbox = sandbox;
    }

    static PollerTestStack start() {
        KraftBroker broker = KraftBroker.builder().build().start();
        try {
            // Plain http on a free local port, as webhook instances in tests serve; quick retries of failed deliveries.
            return new PollerTestStack(broker, TelegramSandbox.builder().port(0).token(TOKEN)
                    .webhook(new WebhookSenderSettings(true, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                    .build().start());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    KraftBroker broker() {
        return broker;
    }

    /** The sandbox as the tests drive it: its users, and its Bot API as the bot. */
    SandboxClient sandbox() {
        return new SandboxClient(sandbox.baseUrl(), TOKEN);
    }

    /** What every poller on this stack is started with; {@code serverPort} 0 picks a free one. */
    List<String> pollerArguments(int serverPort) {
        return List.of(
                "--KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers(),
                "--TELEGRAM_TOKEN=" + TOKEN,
                "--CONTACT_ENCRYPTION_KEYS=" + KEYRING,
                "--TELEGRAM_API_URL=" + sandbox.baseUrl(),
                "--POLL_TIMEOUT_SECONDS=1",
                "--SERVER_PORT=" + serverPort);
    }

    /** What a webhook instance is started with: the same as a poller, plus webhook mode at {@link #webhookUrl}. */
    List<String> webhookArguments(int webhookPort) {
        List<String> arguments = new ArrayList<>(pollerArguments(0));
        arguments.add("--TELEGRAM_WEBHOOK_URL=" + webhookUrl(webhookPort));
        arguments.add("--TELEGRAM_WEBHOOK_SECRET=" + WEBHOOK_SECRET);
        arguments.add("--WEBHOOK_PORT=" + webhookPort);
        arguments.add("--contactdesk.webhook.check-interval=1s");
        arguments.add("--contactdesk.heartbeat.interval=1s");
        return arguments;
    }

    static String webhookUrl(int webhookPort) {
        return "http://localhost:" + webhookPort + "/telegram/webhook";
    }

    /** A webhook instance in this JVM, serving at {@code webhookPort}; the caller closes it. */
    ConfigurableApplicationContext startWebhook(int webhookPort) {
        return ServiceLauncher.application("ingress-poller", IngressPollerApplication.class)
                .run(webhookArguments(webhookPort).toArray(String[]::new));
    }



    /** Reads a topic from its beginning with its own serde, in a group of its own. */
    <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    /**
     * Creates {@code topics} as a poller does at start-up ({@link TopicProvisioning}), for a test that publishes
     * without one: the broker, as in production, creates no topic by itself.
     */
    void createTopics(Topic<?, ?>... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(Arrays.stream(topics).map(topic -> TopicProvisioning.newTopic(topic, 12, (short) 1))
                    .toList()).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** A poller in this JVM; the caller closes it. */
    ConfigurableApplicationContext startPoller() {
        return ServiceLauncher.application("ingress-poller", IngressPollerApplication.class)
                .run(pollerArguments(0).toArray(String[]::new));
    }




    /** A read_committed consumer of its own group, from the earliest offset. */
    Map<String, Object> consumerProps() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /** Reads {@code tg.updates} as the processor does: sealed records opened, records in the clear as they are. */
    KafkaConsumer<String, String> consumer() {
        StringDeserializer strings = new StringDeserializer();
        return new KafkaConsumer<>(consumerProps(), strings, (topic, bytes) -> {
            String value = strings.deserialize(topic, bytes);
            try {
                JsonNode record = Json.mapper().readTree(value);
                return SealedUpdates.isSealed(record) ? SEALS.open(record) : value;
            } catch (IOException e) {
                return value;
            }
        });
    }

    /** Reads {@code tg.updates} as the broker holds it. */
    KafkaConsumer<String, String> rawConsumer() {
        return new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        sandbox.close();
        broker.close();
    }
}
