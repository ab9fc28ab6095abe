package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;

class OutboxRecordsTest {

    private final List<ProducerRecord<String, DeadLetter>> written = new ArrayList<>();
    private final OutboxRecords records = new OutboxRecords(new DeadLetterWriter("notifier", letter -> {
        written.add(letter);
        return CompletableFuture.completedFuture(null);
    }, new SimpleMeterRegistry(), Clock.systemUTC()));

    @Test
    void anOutboxMessageIsReadAndNothingIsSetAside() {
        // given
        OutboxMessage message = OutboxMessage.sendMessage("outbox-1", 42, "hello", null, "update:1", Instant.now());
        byte[] bytes = Topics.OUTBOX_BULK.valueSerde().serializer().serialize(Topics.OUTBOX_BULK.name(), message);

        // when / then
        assertThat(records.read(record(Topics.OUTBOX_BULK.name(), bytes))).map(OutboxMessage::outboxId)
                .contains("outbox-1");
        assertThat(written).isEmpty();
    }

    @Test
    void bytesThatAreNoOutboxMessageAreDeadLetteredOnTheirOwnTopicsQueue() {
        // given
        byte[] garbage = "{\"outboxId\": oops".getBytes(StandardCharsets.UTF_8);

        // when / then
        assertThat(records.read(record(Topics.OUTBOX_PRIORITY.name(), garbage))).isEmpty();
        assertThat(written).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.OUTBOX_PRIORITY_DLQ.name());
            assertThat(letter.value().payload()).isEqualTo(garbage);
            assertThat(letter.value().service()).isEqualTo("notifier");
        });
    }

    @Test
    void anEmptyRecordIsDeadLettered() {
        assertThat(records.read(record(Topics.OUTBOX.name(), null))).isEmpty();
        assertThat(written).singleElement()
                .satisfies(letter -> assertThat(letter.value().reason()).contains("empty outbox record"));
    }

    @Test
    void aDeadLetterTheBrokerDidNotTakeFailsTheRecordSoThatItIsProcessedAgain() {
        // given
        OutboxRecords brokerAway = new OutboxRecords(new DeadLetterWriter("notifier",
                letter -> CompletableFuture.failedFuture(new IllegalStateException("broker away")),
                new SimpleMeterRegistry(), Clock.systemUTC()));

        // when / then
        assertThatThrownBy(() -> brokerAway.deadLetter(record(Topics.OUTBOX.name(), new byte[] {1}), "chat not found"))
                .isInstanceOf(KafkaException.class).hasMessageContaining("tg.outbox-0@7");
    }

    private static ConsumerRecord<String, byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 7L, "42", value);
    }
}
