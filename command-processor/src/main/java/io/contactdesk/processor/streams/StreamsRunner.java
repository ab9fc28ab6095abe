package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the topology for as long as the application runs. A stream thread that dies of an unexpected error is
 * replaced: its task restarts from the last committed transaction, so nothing is lost or doubled.
 */
public final class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPICS_READY = Duration.ofSeconds(120);

    private final Supplier<Topology> topology;
    private final KafkaConnection kafka;
    private final Properties config;
    private volatile KafkaStreams streams;

    public StreamsRunner(Supplier<Topology> topology, KafkaConnection kafka, Properties config) {
        this.topology = topology;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public synchronized void start() {
        Topology built = topology.get();
        TopicsReady.await(kafka, sourceTopics(built), TOPICS_READY);
        KafkaStreams created = new KafkaStreams(built, config);
        created.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed, replacing it: {}", error.toString(), error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> log.info("streams {} -> {}", before, now));
        created.start();
        streams = created;
    }

    /** Every topic a source or a global store of the topology reads. */
    static Set<String> sourceTopics(Topology topology) {
        Set<String> topics = new TreeSet<>();
        TopologyDescription description = topology.describe();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> addSourceTopics(node, topics)));
        description.globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
        return topics;
    }

    private static void addSourceTopics(TopologyDescription.Node node, Set<String> topics) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            topics.addAll(source.topicSet());
        }
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The state Kafka Streams reports, or {@link KafkaStreams.State#NOT_RUNNING} before start and after stop. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    public KafkaStreams streams() {
        return streams;
    }
}
