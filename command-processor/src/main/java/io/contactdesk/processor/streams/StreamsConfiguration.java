package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.topics.TopicProvisioning;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.topology.CommandTopology;
import io.contactdesk.processor.topology.ProcessorTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    /** How often the exactly-once transaction commits while the processor is behind (docs/performance.md). */
    static final int COMMIT_INTERVAL_MS = (int) CommandTopology.COMMIT_INTERVAL.toMillis();
    /** How often it commits at most while it keeps up (PromptCommits asks), and the longest a poll blocks. */
    static final int PROMPT_COMMIT_INTERVAL_MS = (int) CommandTopology.PROMPT_COMMIT_INTERVAL.toMillis();

    @Bean
    CommandRouter commandRouter(ProcessorSettings settings) {
        return new CommandRouter(settings.botRules());
    }

    /** The processor's own topics, partitioned like tg.updates so account commands reach the user's task. */
    @Bean
    KafkaAdmin.NewTopics processorTopics(ProcessorSettings settings) {
        short replication = (short) settings.replicationFactor();
        return new KafkaAdmin.NewTopics(
                TopicProvisioning.newTopic(ProcessorTopics.ACCOUNT_COMMANDS, settings.topicPartitions(), replication),
                TopicProvisioning.newTopic(ProcessorTopics.MODERATION, settings.topicPartitions(), replication),
                TopicProvisioning.newTopic(ProcessorTopics.STATS, settings.topicPartitions(), replication),
                TopicProvisioning.newTopic(ProcessorTopics.BROADCAST_REQUESTS, settings.topicPartitions(), replication),
                new NewTopic(ProcessorTopics.DEAD_LETTERS, settings.topicPartitions(), replication));
    }

    @Bean
    StreamsRunner streamsRunner(ProcessorSettings settings, KafkaConnection kafka, CommandRouter router,
            MeterRegistry meters) {
        return new StreamsRunner(() -> new CommandTopology(router, meters, settings.topicPartitions()).build(),
                kafka, streamsProperties(settings, kafka));
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsRunner runner) {
        return new StreamsHealthIndicator(runner);
    }

    static Properties streamsProperties(ProcessorSettings settings, KafkaConnection kafka) {
        Properties props = new Properties();
        // bootstrap servers and security, which Streams hands to its consumers, producers and admin alike
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        // Under exactly-once a reply is visible to the notifier (read_committed) only once its transaction commits.
        // While the processor keeps up, its handler asks for a commit every prompt interval (20 ms; PromptCommits);
        // behind a backlog it asks nothing and Streams commits every commit interval (100 ms): each commit writes a
        // marker on every partition the transaction touched. With 100 ms throughout instead of 20 the broker used 39 %
        // less CPU per update and a backlog drained 8 % faster (2026-12-07, docs/performance.md).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // The thread commits between polls: a poll that blocks for want of input (100 ms by default) holds back the
        // commit of what it processed before, so it blocks no longer than the prompt interval.
        props.put(StreamsConfig.POLL_MS_CONFIG, PROMPT_COMMIT_INTERVAL_MS);
        // A task reads four topics (updates, account commands, delivery reports, broadcast requests: they share the
        // users' stores). By default it holds back while one of them is empty and its lag is unknown or positive, to
        // interleave them by timestamp (PartitionGroup.readyToProcess). Measured (2026-12-06, docs/performance.md):
        // with it the stream thread used about a tenth of a core while 1.3 s of updates waited at 100/s; without it
        // p50 193 ms there and 381/s answered at 500/s instead of 254/s. Nothing here depends on that interleaving:
        // each input's records are independent events, ordered within their own partition, and the task's state is
        // what orders them. So a task processes whatever it has.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A crashed instance's tasks move after 10 s, not the default 45 s: users wait that long for replies.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        props.putAll(CommandTopology.errorHandling());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A transaction that begins right after the previous one committed (a prompt commit, then the next update)
        // finds the coordinator still writing the previous one's markers: its offsets request is refused with
        // CONCURRENT_TRANSACTIONS and retried after retry.backoff.ms, 100 ms by default. Measured at 20 updates/s
        // (JFR, 2026-12-06): the stream thread waited 43 ms on average in sendOffsetsToTransaction, its producer
        // slept 100 ms 67 times in 45 s. The markers take a few milliseconds, so retry after 10.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        return props;
    }
}
