package io.contactdesk.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicNameIsUnique() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
    }

    @Test
    void theDeadLetterTopicOfAnInputIsItsNamePlusDlq() {
        assertThat(Topics.deadLettersOf(Topics.UPDATES).name()).isEqualTo("tg.updates.dlq");
        assertThat(Topics.deadLettersOf(Topics.OUTBOX)).isSameAs(Topics.OUTBOX_DLQ);
    }

    @Test
    void operatorsWatchEveryDeadLetterTopicIncludingTheProcessorsStreamsQueue() {
        assertThat(Topics.deadLetterTopicNames()).contains("tg.updates.dlq", "tg.outbox.dlq", "audit.events.dlq",
                "contactdesk.processor.dlq").doesNotContain("tg.updates", "ops.alerts").doesNotHaveDuplicates();
    }

    @Test
    void profilesAndOffsetsAreCompactedAndTheLogsAreNot() {
        NewTopic users = TopicProvisioning.newTopic(Topics.USERS, 12, (short) 1);
        NewTopic updates = TopicProvisioning.newTopic(Topics.UPDATES, 12, (short) 1);

        assertThat(users.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(updates.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000")
                .doesNotContainKey(TopicConfig.CLEANUP_POLICY_CONFIG);
        assertThat(updates.numPartitions()).isEqualTo(12);
    }

    @Test
    void replicatedTopicsRequireTwoInSyncReplicas() {
        assertThat(TopicProvisioning.newTopic(Topics.LEDGER, 12, (short) 3).configs())
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }
}
