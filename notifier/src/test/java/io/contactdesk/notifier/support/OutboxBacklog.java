package io.contactdesk.notifier.support;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Replies waiting on {@code tg.outbox} as the processor leaves them: many chats, a few replies each, one transaction. */
public final class OutboxBacklog {

    private OutboxBacklog() {
    }

    /**
     * Round by round, as replies to many users interleave on the outbox: reply {@code round} to every chat, then the
     * next round. Each reply's text is {@link #text}.
     */
    public static void produce(String bootstrapServers, String transactionalPrefix, long firstChat, int chats,
            int perChat) {
        try (KafkaProducer<String, byte[]> processor = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalPrefix + "-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            processor.initTransactions();
            processor.beginTransaction();
            for (int round = 0; round < perChat; round++) {
                for (long chat = firstChat; chat < firstChat + chats; chat++) {
                    processor.send(reply(null, chat, text(chat, round)));
                }
            }
            processor.commitTransaction();
        }
    }

    /**
     * A reply of {@code text} to {@code chat} as the processor leaves it, keyed by chat; on {@code partition}, or
     * where its key puts it when null.
     */
    public static ProducerRecord<String, byte[]> reply(Integer partition, long chat, String text) {
        String update = "update:" + UUID.randomUUID();
        OutboxMessage message = OutboxMessage.sendMessage(update + "/reply:0", chat, text, null, update, Instant.now());
        return new ProducerRecord<>(Topics.OUTBOX.name(), partition, Long.toString(chat),
                Topics.OUTBOX.valueSerde().serializer().serialize(Topics.OUTBOX.name(), message));
    }

    /** The text of reply {@code round} to {@code chat}. */
    public static String text(long chat, int round) {
        return "reply " + round + " to " + chat;
    }
}
