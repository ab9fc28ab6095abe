package io.contactdesk.contracts.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics every service makes sure exist at start-up. Creation is idempotent, so whichever
 * service starts first creates them; nobody relies on broker-side auto-creation.
 */
public final class TopicProvisioning {

    private TopicProvisioning() {
    }

    public static List<NewTopic> newTopics(int partitions, short replicationFactor) {
        return Topics.all().stream().map(topic -> newTopic(topic, partitions, replicationFactor)).toList();
    }

    public static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else if (topic.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        }
        if (replicationFactor > 1) {
            // With replicas, never acknowledge a write that one broker failure could lose.
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }
}
