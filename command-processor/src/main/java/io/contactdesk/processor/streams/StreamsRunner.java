package io.contactdesk.processor.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
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

    private final Supplier<Topology> topology;
    private final Properties config;
    private volatile KafkaStreams streams;

    public StreamsRunner(Supplier<Topology> topology, Properties config) {
        this.topology = topology;
        this.config = config;
    }

    @Override
    public synchronized void start() {
        KafkaStreams created = new KafkaStreams(topology.get(), config);
        created.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed, replacing it: {}", error.toString(), error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> log.info("streams {} -> {}", before, now));
        created.start();
        streams = created;
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
