package io.contactdesk.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, from the
 * {@code kafka_2.13} server classes. Storage is formatted on first start and kept across restarts when the data
 * directory is kept, so a local stack remembers its topics.
 */
public final class KraftBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);
    private static final int NODE_ID = 1;

    private final int port;
    private final int controllerPort;
    private final SaslSsl saslSsl;
    private final int internalPort;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private KafkaRaftServer server;

    private KraftBroker(Builder builder) {
        this.port = FreePort.orAny(builder.port);
        this.controllerPort = FreePort.orAny(builder.controllerPort);
        this.saslSsl = builder.saslSsl;
        this.internalPort = saslSsl == null ? 0 : FreePort.orAny(0);
        this.deleteDataDirOnClose = builder.dataDir == null;
        this.dataDir = builder.dataDir != null ? builder.dataDir : TempDirectory.create("kraft-broker");
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized KraftBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Path logDir = Files.createDirectories(dataDir.resolve("log"));
            KafkaConfig config = KafkaConfig.fromProps(properties(logDir));
            format(logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info("Kafka broker (KRaft) listening on {}", bootstrapServers());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private Properties properties(Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        if (saslSsl == null) {
            props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
        } else {
            saslSslListener(props);
        }
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", logDir.toString());
        // One broker: the internal topics cannot expect three replicas.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "12");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "12");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "12");
        // As in production (docker-compose): every topic is created by the services, none by a stray producer or consumer.
        props.put("auto.create.topics.enable", "false");
        // Consumers join at once instead of waiting for peers that will never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        return props;
    }

    /**
     * Clients get only SASL_SSL with SCRAM-SHA-512 on the client port. The broker talks to itself over an internal
     * PLAINTEXT listener on another port, as a cluster would on its private network: the broker needs no SCRAM
     * credentials of its own, and what the tests prove (a plaintext client is refused) concerns the client port.
     */
    private void saslSslListener(Properties props) {
        props.put("listeners", "SASL_SSL://localhost:" + port + ",INTERNAL://localhost:" + internalPort
                + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "SASL_SSL://localhost:" + port + ",INTERNAL://localhost:" + internalPort);
        props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "INTERNAL");
        props.put("sasl.enabled.mechanisms", SaslSsl.MECHANISM);
        props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.sasl_ssl.ssl.keystore.location", saslSsl.keystore().toString());
        props.put("listener.name.sasl_ssl.ssl.keystore.password", saslSsl.keystorePassword());
        props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
    }

    private void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            // A kept data directory is a broker that already has its cluster id and topics.
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setScramArguments(saslSsl == null ? List.of() : saslSsl.scramArguments())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The SASL_SSL settings this broker was built with; null for a PLAINTEXT broker. */
    public SaslSsl saslSsl() {
        return saslSsl;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker; a temporary data directory is deleted, a given one is kept for the next start. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteDataDirOnClose) {
            TempDirectory.delete(dataDir);
        }
    }

    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private SaslSsl saslSsl;

        private Builder() {
        }

        /** Clients must then speak SASL_SSL (SCRAM-SHA-512) on the client port; nothing else is accepted there. */
        public Builder saslSsl(SaslSsl saslSsl) {
            this.saslSsl = saslSsl;
            return this;
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Where logs and metadata live; without one, a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public KraftBroker build() {
            return new KraftBroker(this);
        }
    }
}
