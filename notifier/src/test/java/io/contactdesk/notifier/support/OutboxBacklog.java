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
                    OutboxMessage message = OutboxMessage.sendMessage("update:" + UUID.randomUUID() + "/reply:0",
                            chat, text(chat, round), null, "update:" + chat + ":" + round, Instant.now());
                    processor.send(new ProducerRecord<>(Topics.OUTBOX.name(), Long.toString(chat),
                            Topics.OUTBOX.valueSerde().serializer().serialize(Topics.OUTBOX.name(), message)));
                }
            }
            processor.commitTransaction();
        }
    }

    /** The text of reply {@code round} to {@code chat}. */
    public static String text(long chat, int round) {
        return "reply " + round + " to " + chat;
    }
}
