package io.contactdesk.bench;

import io.contactdesk.infra.FreePort;
import io.contactdesk.infra.process.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What one exactly-once transaction costs on the bench's broker, and when its records become readable: a transactional
 * producer sends one record every 50 ms (20/s, the latency goal's rate) and commits it with consumer offsets, as a
 * Kafka Streams commit does; a {@code read_uncommitted} and a {@code read_committed} consumer note when they see it.
 * Run once per {@code fetch.max.wait.ms} (the consumers' default 500 ms, then 10 ms): if a read_committed fetch were
 * not woken by the transaction marker, its records would show up to the wait late. Not a test; run by hand:
 * {@code java -cp <bench test class path> io.contactdesk.bench.TransactionLatencyProbe [records]}.
 */
public final class TransactionLatencyProbe {

    private static final String TOPIC = "probe.txn";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path logs = Files.createTempDirectory("probe-logs");
        BrokerProcess broker = new BrokerProcess(FreePort.any(), FreePort.any(),
                Files.createTempDirectory("probe-kafka"), logs, List.of("-Xmx1g", "-XX:+UseSerialGC"));
        broker.start();
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 12, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            for (int wait : new int[] {500, 10, 500, 10}) {
                measure(broker.bootstrapServers(), records, wait);
            }
        } finally {
            broker.stop();
        }
    }

    static void measure(String bootstrap, int records, int fetchMaxWaitMs) throws Exception {
        Map<String, Long> appended = new ConcurrentHashMap<>();
        Map<String, Long> visible = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Thread> readers = List.of(reader(bootstrap, "read_uncommitted", fetchMaxWaitMs, appended, reading),
                reader(bootstrap, "read_committed", fetchMaxWaitMs, visible, reading));
        readers.forEach(Thread::start);
        Thread.sleep(3000); // both assigned and at the end of the topic
        List<Double> commit = new ArrayList<>();
        List<Double> append = new ArrayList<>();
        List<Double> committedAfterReturn = new ArrayList<>();
        List<Double> readable = new ArrayList<>();
        Map<String, long[]> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe-" + fetchMaxWaitMs + "-" + System.nanoTime(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            for (int i = 0; i < records + 20; i++) {
                String key = "k" + i + "-" + fetchMaxWaitMs;
                long start = System.nanoTime();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, key, "v"));
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(TOPIC, i % 12), new OffsetAndMetadata(i)),
                        new ConsumerGroupMetadata("probe-group"));
                producer.commitTransaction();
                sent.put(key, new long[] {start, System.nanoTime()});
                Thread.sleep(50);
            }
        }
        Thread.sleep(1500);
        reading.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        int i = 0;
        for (Map.Entry<String, long[]> e : sent.entrySet()) {
            if (i++ < 20) {
                continue; // warming up
            }
            long start = e.getValue()[0];
            long returned = e.getValue()[1];
            commit.add((returned - start) / 1e6);
            Long a = appended.get(e.getKey());
            Long v = visible.get(e.getKey());
            if (a != null) {
                append.add((a - start) / 1e6);
            }
            if (v != null) {
                readable.add((v - start) / 1e6);
                committedAfterReturn.add((v - returned) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "fetch.max.wait.ms=%d: send+sendOffsets+commit returns %s; appended (read_uncommitted) "
                + "%s; readable (read_committed) %s; readable after commit returned %s (p50, p95, p99, max ms; %d records)%n",
                fetchMaxWaitMs, Percentiles.of(commit), Percentiles.of(append), Percentiles.of(readable),
                Percentiles.of(committedAfterReturn), readable.size());
    }

    static Thread reader(String bootstrap, String isolation, int fetchMaxWaitMs, Map<String, Long> seen, AtomicBoolean reading) {
        return new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "probe-" + isolation + "-" + System.nanoTime(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        seen.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        }, "probe-" + isolation);
    }
}
