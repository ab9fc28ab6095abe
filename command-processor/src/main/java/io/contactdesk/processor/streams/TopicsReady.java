package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the topics the topology reads exist and every partition has a leader. Kafka Streams refuses to start
 * a global store on a topic whose partitions are not known yet, and on a fresh broker the topics were created only
 * a moment ago (by this or another service).
 */
final class TopicsReady {

    private static final Logger log = LoggerFactory.getLogger(TopicsReady.class);

    private TopicsReady() {
    }

    static void await(KafkaConnection kafka, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            while (true) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                    boolean ready = described.values().stream().allMatch(topic -> !topic.partitions().isEmpty()
                            && topic.partitions().stream().allMatch(partition -> partition.leader() != null));
                    if (ready) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.info("waiting for topics to be ready: {}", e.getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics not ready within " + timeout + ": " + topics);
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
    }
}
