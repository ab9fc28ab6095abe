package io.contactdesk.tools;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.topics.TopicProvisioning;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Writes listings to the compacted {@code listings} topic, keyed by listing id, through an idempotent producer with
 * {@code acks=all}: a retried send is never duplicated and an acknowledged one survives a broker failure.
 * {@link #flush()} waits for every send and fails if any did, so a tool never reports work the broker did not take.
 */
public final class ListingPublisher implements AutoCloseable {

    private final KafkaProducer<String, Listing> producer;
    private final List<Future<RecordMetadata>> sends = new ArrayList<>();

    private ListingPublisher(KafkaProducer<String, Listing> producer) {
        this.producer = producer;
    }

    /** Opens a producer, first creating {@code listings} (compacted) if no service has yet. */
    public static ListingPublisher open(ToolSettings settings, Duration timeout) {
        ensureTopic(settings, timeout);
        Properties props = new Properties();
        props.putAll(settings.kafka().clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // delivery.timeout.ms keeps its default (2 min, above linger + request timeout as Kafka requires): retries
        // are safe with idempotence, and flush() reports a send that still failed.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "directory-tools-publisher");
        return new ListingPublisher(new KafkaProducer<>(props,
                Topics.LISTINGS.keySerde().serializer(), Topics.LISTINGS.valueSerde().serializer()));
    }

    public void publish(Listing listing) {
        sends.add(producer.send(new ProducerRecord<>(Topics.LISTINGS.name(), listing.listingId(), listing)));
    }

    /** Waits until every listing published so far is acknowledged by all in-sync replicas. */
    public void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException("send failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for acknowledgements", e);
        } finally {
            sends.clear();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static void ensureTopic(ToolSettings settings, Duration timeout) {
        NewTopic listings = TopicProvisioning.newTopics(settings.partitions(), settings.replicationFactor()).stream()
                .filter(topic -> topic.name().equals(Topics.LISTINGS.name())).findFirst().orElseThrow();
        Properties props = new Properties();
        props.putAll(settings.kafka().clientConfig());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(listings)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e.getCause() instanceof KafkaException k ? k : new KafkaException("cannot create listings", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating the listings topic", e);
        }
    }
}
