package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.IngressPollerApplication;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes updates one at a time as a webhook receives them: the same sealed, keyed records as {@link UpdatePublisher}
 * ({@link UpdatePublisher#updateRecord}), but without a transaction. Every webhook instance is active at once, and a
 * transactional id per bot would fence all but one; nor is there an offset to keep with the updates, since Telegram
 * confirms each update by the HTTP answer. Idempotent with {@code acks=all}: once the future completes, every in-sync
 * replica holds the record, and a retry inside the producer cannot duplicate it. A repeat from Telegram (an answer lost
 * on the way back) is a second record with the same update id, which the processor's dedupe drops.
 */
public final class WebhookPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, Object> producer;
    private final SealedUpdates seals;
    private final DeadLetterWriter deadLetters;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public WebhookPublisher(KafkaConnection kafka, SealedUpdates seals, MeterRegistry meters, Clock clock) {
        this.seals = seals;
        this.deadLetters = new DeadLetterWriter(IngressPollerApplication.SERVICE,
                letter -> send(new ProducerRecord<>(letter.topic(), letter.key(), letter.value())), meters, clock);
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "contactdesk-webhook-" + UUID.randomUUID().toString().substring(0, 8),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // Concurrent requests share batches; a few ms is nothing next to Telegram's round trip.
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // Telegram waits on the answer: a broker that cannot take the update within seconds gets a 503, and
                // Telegram retries later, rather than every connection hanging for the default two minutes.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), (Serializer) new UpdatePublisher.PublishedValueSerializer());
    }

    /** Completes once Kafka acknowledged the update; fails when it could not take it. */
    public CompletableFuture<Void> publish(long epoch, ReceivedUpdate update) {
        return send(UpdatePublisher.updateRecord(seals, epoch, update));
    }

    /**
     * Sets aside a request body that is no update (not JSON, or too large), on {@code tg.updates.dlq} with the reason.
     * Sealed like an update (bound to update id 0): it came with the right secret, so it may hold what a user wrote.
     */
    public CompletableFuture<Void> deadLetter(long epoch, byte[] body, String reason) {
        byte[] sealed = seals.seal(new UpdateRef(epoch, 0),
                new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return deadLetters.write(Topics.UPDATES.name(), null, sealed, reason);
    }

    private CompletableFuture<Void> send(ProducerRecord<String, Object> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // No metadata within max.block.ms, a full buffer, a closed producer: Kafka cannot take it now.
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
