package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The last update this bot published, with its ingress epoch, read back from the compacted {@code tg.ingress-offsets}
 * topic. It is written in the same transaction as the updates, so it is exactly as far as Kafka is.
 */
public final class IngressOffsets {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Comparator<UpdateRef> LATEST =
            Comparator.comparingLong(UpdateRef::epoch).thenComparingLong(UpdateRef::updateId);

    private final KafkaConnection kafka;

    public IngressOffsets(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** Empty before the bot's first batch; records written before epochs existed read as epoch 0. */
    public Optional<UpdateRef> lastPublished(long botId) {
        String key = Long.toString(botId);
        UpdateRef[] last = new UpdateRef[1];
        try (TopicReader reader = TopicReader.open(kafka.clientConfig(), "contactdesk-ingress-offsets",
                Topics.INGRESS_OFFSETS.name(), READ_TIMEOUT)) {
            reader.seekToBeginning();
            reader.readToEnd(READ_TIMEOUT, TopicReader.decoding(Topics.INGRESS_OFFSETS, offset -> {
                if (key.equals(offset.key()) && offset.value() != null) {
                    last[0] = latest(last[0], offset.value().lastUpdate());
                }
            }));
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not read " + Topics.INGRESS_OFFSETS.name() + " within " + READ_TIMEOUT, e);
        }
        return Optional.ofNullable(last[0]);
    }

    /**
     * Epochs only grow, and within one epoch ids only grow; so the later of two offsets is the one with the higher
     * (epoch, update_id), whatever compaction has left of the log.
     */
    private static UpdateRef latest(UpdateRef a, UpdateRef b) {
        return a == null || LATEST.compare(b, a) > 0 ? b : a;
    }
}
