package io.contactdesk.notifier.support;

import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The processor's side of the notifier's topics, as its exactly-once tasks write them: each {@link #publish} is one
 * Kafka transaction. Not thread-safe: one transaction at a time.
 */
public final class ProcessorOutput implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ProcessorOutput(String bootstrapServers, String name) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Written in one transaction. */
    public void publish(List<ProducerRecord<String, byte[]>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.commitTransaction();
    }

    /**
     * A broadcast as the processor fans it out: one message per recipient on {@code tg.outbox.bulk} and two shards
     * (as if two tasks owned the recipients) naming the admin's status message.
     */
    public void broadcast(String broadcast, List<Long> recipients, String text, long admin, long statusMessage) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int half = recipients.size() / 2;
        for (long user : recipients) {
            OutboxMessage message = OutboxMessage.sendMessage(broadcastOutboxId(broadcast, user), user, text, null,
                    "broadcast:" + broadcast, Instant.now()).withParam("broadcast_id", broadcast);
            records.add(record(Topics.OUTBOX_BULK, Long.toString(user), message));
        }
        for (int partition = 0; partition < 2; partition++) {
            BroadcastShard shard = new BroadcastShard(broadcast, partition, 2,
                    partition == 0 ? half : recipients.size() - half, admin, statusMessage, Instant.now());
            records.add(record(Topics.BROADCAST_SHARDS, broadcast + "/" + partition, shard));
        }
        publish(records);
    }

    /** A reply to a user's own command on {@code tg.outbox}, to be published. */
    public static ProducerRecord<String, byte[]> reply(long chat, String text) {
        OutboxMessage reply = OutboxMessage.sendMessage("update:" + UUID.randomUUID() + "/reply:0", chat, text, null,
                "update:" + UUID.randomUUID(), Instant.now());
        return record(Topics.OUTBOX, Long.toString(chat), reply);
    }

    public static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    public static String broadcastOutboxId(String broadcast, long user) {
        return "broadcast:" + broadcast + "/user:" + user;
    }

    @Override
    public void close() {
        producer.close();
    }
}
