package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one {@code getUpdates} batch and the new offset in a single Kafka transaction: either both are there or
 * neither, so the offset never runs ahead of (or behind) the updates. The transactional id is fixed per bot, so a
 * stale poller that wakes up after being replaced is fenced instead of publishing. Each update is sealed
 * ({@link SealedUpdates}): what users write never reaches the broker in the clear.
 */
public final class UpdatePublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, Object> producer;
    private final long botId;
    private final SealedUpdates seals;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public UpdatePublisher(KafkaConnection kafka, long botId, SealedUpdates seals) {
        this.botId = botId;
        this.seals = seals;
        Map<String, Object> config = kafka.clientConfig();
        config.putAll(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "contactdesk-ingress-" + botId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        this.producer = new KafkaProducer<>(config,
                new StringSerializer(), (Serializer) new PublishedValueSerializer());
        try {
            // Fences every earlier producer with this transactional id and aborts its open transaction.
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Publishes {@code updates}, each sealed with its {@link UpdateRef} in ingress {@code epoch}, and the offset (the
     * highest id, with the epoch) in one transaction. Returns once the broker committed it; throws if it did not, and
     * then nothing of it is visible.
     */
    public void publish(long epoch, List<ReceivedUpdate> updates, Instant at) {
        long last = updates.stream().mapToLong(ReceivedUpdate::updateId).max().orElseThrow();
        producer.beginTransaction();
        try {
            for (ReceivedUpdate update : updates) {
                producer.send(updateRecord(seals, epoch, update));
            }
            producer.send(new ProducerRecord<>(Topics.INGRESS_OFFSETS.name(), Long.toString(botId),
                    new IngressOffset(botId, last, at, epoch)));
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
    }

    /**
     * The {@code tg.updates} record of one update, whichever mode received it: keyed by its {@link ReceivedUpdate#key()},
     * sealed with its {@link UpdateRef} in ingress {@code epoch}.
     */
    static ProducerRecord<String, Object> updateRecord(SealedUpdates seals, long epoch, ReceivedUpdate update) {
        return new ProducerRecord<>(Topics.UPDATES.name(), update.key(),
                seals.seal(new UpdateRef(epoch, update.updateId()), update.json()));
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // Fenced or broken: the transaction is aborted by the broker anyway, and the caller is told why.
        }
    }

    /** An open transaction is aborted, never committed; bounded, so that a lost broker cannot hold up a step-down. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** Updates are JSON strings already; offsets and dead letters go through their topic's serde. */
    static final class PublishedValueSerializer implements Serializer<Object> {
        private final StringSerializer strings = new StringSerializer();

        @Override
        public byte[] serialize(String topic, Object value) {
            if (value instanceof IngressOffset offset) {
                return Topics.INGRESS_OFFSETS.valueSerde().serializer().serialize(topic, offset);
            }
            if (value instanceof DeadLetter letter) {
                return Topics.UPDATES_DLQ.valueSerde().serializer().serialize(topic, letter);
            }
            return strings.serialize(topic, (String) value);
        }
    }
}
