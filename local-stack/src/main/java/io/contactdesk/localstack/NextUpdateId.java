package io.contactdesk.localstack;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.ingress.IngressOffsets;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The first update id for a new sandbox on a kept data directory: above every id the ingress published. The poller
 * keeps its last one in {@code tg.ingress-offsets}; webhook instances keep none, so after a run in webhook mode the
 * highest id is the one last on {@code tg.updates}. An id below it would be dropped by the processor as a repeat (a
 * stack that polled, then ran in webhook mode, then polled again, once lost every update this way).
 */
final class NextUpdateId {

    /** How many of each tg.updates partition's last records are read: a user's updates share a partition, in order. */
    private static final int TAIL_RECORDS = 100;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private NextUpdateId() {
    }

    /** 0 (a random first id) when nothing was published yet. */
    static long after(KafkaConnection kafka, long botId) {
        Set<String> topics;
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long next = 0;
        if (topics.contains(Topics.INGRESS_OFFSETS.name())) {
            next = new IngressOffsets(kafka).lastPublished(botId).map(last -> last.updateId() + 1).orElse(0L);
        }
        if (topics.contains(Topics.UPDATES.name())) {
            next = Math.max(next, highestOnUpdatesTopic(kafka) + 1);
        }
        return next;
    }

    /** The highest {@code update_id} among the last records of each {@code tg.updates} partition (-1 for none). */
    private static long highestOnUpdatesTopic(KafkaConnection kafka) {
        long[] highest = {-1};
        try (TopicReader reader = TopicReader.open(kafka.clientConfig(), "local-stack-next-update-id",
                Topics.UPDATES.name(), READ_TIMEOUT)) {
            reader.seekToLast(TAIL_RECORDS, READ_TIMEOUT);
            reader.readToEnd(READ_TIMEOUT, record -> highest[0] = Math.max(highest[0], updateIdOf(record.value())));
        }
        return highest[0];
    }

    private static long updateIdOf(byte[] value) {
        try {
            return value == null ? -1 : Json.mapper().readTree(value).path("update_id").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
