package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Where a new sandbox on a kept data directory starts its update ids. */
class NextUpdateIdIT {

    private static final long BOT_ID = 100000001L;

    @Test
    void afterAWebhookRunTheIdsContinueAboveTheHighestOnTgUpdatesThoughNoOffsetWasKept() throws Exception {
        try (KraftBroker broker = KraftBroker.builder().build().start()) {
            KafkaConnection kafka = KafkaConnection.plaintext(broker.bootstrapServers());
            // given a fresh broker: nothing published, a random first id
            assertThat(NextUpdateId.after(kafka, BOT_ID)).isZero();

            // given updates published by webhook instances (no tg.ingress-offsets), the highest on partition 1
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                admin.createTopics(List.of(new NewTopic(Topics.UPDATES.name(), 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.UPDATES.name(), 0, "1", "{\"update_id\":500007}")).get();
                producer.send(new ProducerRecord<>(Topics.UPDATES.name(), 1, "2", "{\"update_id\":500905}")).get();
                producer.send(new ProducerRecord<>(Topics.UPDATES.name(), 1, "2", "{\"sealed\":\"not an update\"}")).get();
                producer.send(new ProducerRecord<>(Topics.UPDATES.name(), 2, "3", "{\"update_id\":500012}")).get();
            }

            // then the next sandbox starts above it
            assertThat(NextUpdateId.after(kafka, BOT_ID)).isEqualTo(500_906);
        }
    }
}
