package io.contactdesk.tools.replay;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.tools.ToolExit;
import io.contactdesk.tools.ToolSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code replay-dlq --topic <dlq> [--since <ISO instant>]}: after the bug that dead-lettered records is fixed,
 * publishes each dead letter's original key and bytes again to the topic it came from, unchanged, so the service
 * handles it as if it came for the first time. Reads the dead-letter topic to the end offsets it has when the run
 * starts (no consumer group, nothing committed); {@code --since} leaves out letters that failed before that instant.
 *
 * <p>Two formats: {@link DeadLetter} JSON (every {@code <topic>.dlq}: the source topic, key and payload are in the
 * letter, {@code failedAt} is when), and Kafka Streams' own queue {@code contactdesk.processor.dlq} (the source bytes
 * as they were, the source topic in the {@code __streams.errors.topic} header, the record's timestamp is when).
 *
 * <p>Exit codes: 0 done, 2 wrong arguments, 1 Kafka failed or some letters could not be read (named by position on
 * stderr; payloads are never printed: they may hold a contact, sealed or not).
 */
public final class ReplayDeadLetters {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** Where Kafka Streams names the topic a dead letter came from. */
    static final String STREAMS_SOURCE_TOPIC_HEADER = "__streams.errors.topic";
    private static final String USAGE = "usage: replay-dlq --topic <dead-letter topic> [--since <ISO instant, e.g. "
            + "2026-12-05T20:00:00Z>]   (" + ToolSettings.BOOTSTRAP + " from the environment)";

    /** One letter to publish again. */
    record Replay(String sourceTopic, byte[] key, byte[] value) {
    }

    private ReplayDeadLetters() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length && args.length % 2 == 0; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String topic = options.get("--topic");
        if (args.length % 2 != 0 || topic == null || !options.keySet().stream().allMatch(o -> o.equals("--topic")
                || o.equals("--since")) || !Topics.deadLetterTopicNames().contains(topic)) {
            err.println(USAGE);
            if (topic != null && !Topics.deadLetterTopicNames().contains(topic)) {
                err.println(topic + " is not a dead-letter topic: one of " + Topics.deadLetterTopicNames());
            }
            return ToolExit.SETTINGS;
        }
        Instant since;
        try {
            since = options.containsKey("--since") ? Instant.parse(options.get("--since")) : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            err.println(USAGE);
            err.println("--since is not an ISO instant: " + options.get("--since"));
            return ToolExit.SETTINGS;
        }
        String bootstrap = ToolSettings.bootstrapServers(env);
        return ToolExit.run(bootstrap, err, () -> {
            KafkaConnection kafka = KafkaConnection.from(env::get);
            List<ConsumerRecord<byte[], byte[]>> letters = readToEnd(kafka, topic);
            List<Replay> replays = new ArrayList<>();
            int earlier = 0;
            int unreadable = 0;
            for (ConsumerRecord<byte[], byte[]> record : letters) {
                Optional<Replay> replay;
                try {
                    replay = topic.equals(Topics.PROCESSOR_STREAMS_DLQ) ? fromStreams(record, since) : fromLetter(record, since);
                } catch (SerializationException | IllegalArgumentException e) {
                    err.println("warning: skipped unreadable dead letter at " + record.topic() + "-" + record.partition()
                            + "@" + record.offset());
                    unreadable++;
                    continue;
                }
                replay.ifPresent(replays::add);
                if (replay.isEmpty()) {
                    earlier++;
                }
            }
            publish(kafka, replays);
            out.println("replayed " + replays.size() + " of " + letters.size() + " dead letters from " + topic
                    + (earlier > 0 ? " (" + earlier + " from before " + since + " left out)" : "")
                    + replays.stream().map(Replay::sourceTopic).distinct().sorted()
                    .reduce((a, b) -> a + ", " + b).map(to -> " to " + to).orElse(""));
            return unreadable > 0 ? ToolExit.FAILED : ToolExit.OK;
        });
    }

    static Optional<Replay> fromLetter(ConsumerRecord<byte[], byte[]> record, Instant since) {
        if (record.value() == null) {
            throw new IllegalArgumentException("empty dead letter");
        }
        DeadLetter letter = Topics.UPDATES_DLQ.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (letter.sourceTopic() == null || letter.failedAt() == null) {
            throw new IllegalArgumentException("dead letter without its source or time");
        }
        checkSource(letter.sourceTopic());
        if (letter.failedAt().isBefore(since)) {
            return Optional.empty();
        }
        byte[] key = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
        // An empty payload was a tombstone or an empty record: it goes back as it came, to fail the same way.
        return Optional.of(new Replay(letter.sourceTopic(), key, letter.payload() == null ? new byte[0] : letter.payload()));
    }

    static Optional<Replay> fromStreams(ConsumerRecord<byte[], byte[]> record, Instant since) {
        Header source = record.headers().lastHeader(STREAMS_SOURCE_TOPIC_HEADER);
        if (source == null) {
            throw new IllegalArgumentException("no " + STREAMS_SOURCE_TOPIC_HEADER + " header");
        }
        String sourceTopic = new String(source.value(), StandardCharsets.UTF_8);
        checkSource(sourceTopic);
        if (Instant.ofEpochMilli(record.timestamp()).isBefore(since)) {
            return Optional.empty();
        }
        return Optional.of(new Replay(sourceTopic, record.key(), record.value()));
    }

    /** A dead letter never goes to a dead-letter topic: that would only move it around. */
    private static void checkSource(String sourceTopic) {
        if (sourceTopic.isBlank() || sourceTopic.endsWith(Topic.DEAD_LETTER_SUFFIX)
                || Topics.deadLetterTopicNames().contains(sourceTopic)) {
            throw new IllegalArgumentException("source topic " + sourceTopic + " is a dead-letter topic");
        }
    }

    /** Only committed letters: the services write dead letters in their transactions, an aborted one never was. */
    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConnection kafka, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (TopicReader reader = TopicReader.open(kafka.clientConfig(), "directory-tools-replay-dlq", topic,
                KAFKA_TIMEOUT)) {
            reader.seekToBeginning();
            reader.readToEnd(KAFKA_TIMEOUT, records::add);
        }
        return records;
    }

    /** Idempotent, acks=all, and every send waited for: the summary never counts a letter the broker did not take. */
    private static void publish(KafkaConnection kafka, List<Replay> replays) throws Exception {
        if (replays.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.toIntExact(KAFKA_TIMEOUT.toMillis()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "directory-tools-replay-dlq");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Replay replay : replays) {
                sends.add(producer.send(new ProducerRecord<>(replay.sourceTopic(), replay.key(), replay.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }
}
