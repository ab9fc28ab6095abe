package io.contactdesk.contracts.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] PAYLOAD = "{\"oops".getBytes(StandardCharsets.UTF_8);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ProducerRecord<String, DeadLetter>> sent = new ArrayList<>();
    private final DeadLetterWriter writer = new DeadLetterWriter("db-writer", letter -> {
        sent.add(letter);
        return CompletableFuture.completedFuture(null);
    }, meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void letterGoesToTheDeadLetterTopicOfItsSourceKeyedLikeTheSource() {
        // when
        writer.write(new ConsumerRecord<>(Topics.LEDGER.name(), 3, 41L, "42", PAYLOAD), "not a valid LedgerEntry")
                .join();

        // then
        assertThat(sent).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.LEDGER_DLQ.name());
            assertThat(record.key()).isEqualTo("42");
            assertThat(record.value()).isEqualTo(new DeadLetter(Topics.LEDGER.name(), 3, 41L, "42", PAYLOAD,
                    "not a valid LedgerEntry", "db-writer", NOW));
        });
    }

    @Test
    void payloadThatWasNeverARecordHasNoPartitionOrOffset() {
        // when
        writer.write(Topics.UPDATES.name(), null, PAYLOAD, "webhook body is not an update").join();

        // then
        assertThat(sent).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.UPDATES_DLQ.name());
            assertThat(record.value().partition()).isEqualTo(DeadLetterWriter.NO_PARTITION);
            assertThat(record.value().offset()).isEqualTo(DeadLetterWriter.NO_OFFSET);
        });
    }

    @Test
    void letterIsCountedByItsDeadLetterTopicOnceTheBrokerHasIt() {
        // when
        writer.write(new ConsumerRecord<>(Topics.OUTBOX.name(), 0, 7L, "9", PAYLOAD), "chat not found").join();

        // then
        assertThat(meters.get(DeadLetterWriter.RECORDS).tag("topic", Topics.OUTBOX_DLQ.name()).counter().count())
                .isEqualTo(1);
    }

    @Test
    void letterTheBrokerRefusedFailsTheWriteAndIsNotCounted() {
        // given
        DeadLetterWriter refused = new DeadLetterWriter("notifier",
                letter -> CompletableFuture.failedFuture(new IllegalStateException("broker away")), meters,
                Clock.systemUTC());

        // when
        CompletableFuture<Void> write = refused.write(
                new ConsumerRecord<>(Topics.OUTBOX.name(), 0, 7L, "9", PAYLOAD), "chat not found");

        // then
        assertThatThrownBy(write::join).isInstanceOf(CompletionException.class).hasMessageContaining("broker away");
        assertThat(meters.find(DeadLetterWriter.RECORDS).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void sendThatThrowsFailsTheWriteInsteadOfEscaping() {
        // given
        DeadLetterWriter throwing = new DeadLetterWriter("ingress-poller", letter -> {
            throw new IllegalStateException("producer closed");
        }, meters, Clock.systemUTC());

        // when
        CompletableFuture<Void> write = throwing.write(Topics.UPDATES.name(), null, PAYLOAD, "too large");

        // then
        assertThat(write).isCompletedExceptionally();
    }

    @Test
    void producerOfBytesGetsTheLetterAsItsTopicSerializesIt() {
        // given
        List<ProducerRecord<String, byte[]>> bytes = new ArrayList<>();
        DeadLetterWriter ofBytes = new DeadLetterWriter("db-writer", DeadLetterWriter.Send.ofBytes(record -> {
            bytes.add(record);
            return CompletableFuture.completedFuture(null);
        }), meters, Clock.fixed(NOW, ZoneOffset.UTC));

        // when
        ofBytes.write(new ConsumerRecord<>(Topics.USERS.name(), 1, 2L, "5", PAYLOAD), "bad").join();

        // then
        assertThat(bytes).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.USERS_DLQ.name());
            assertThat(Topics.USERS_DLQ.valueSerde().deserializer().deserialize(record.topic(), record.value()))
                    .usingRecursiveComparison()
                    .isEqualTo(new DeadLetter(Topics.USERS.name(), 1, 2L, "5", PAYLOAD, "bad", "db-writer", NOW));
        });
    }

    @Test
    void sourceWithoutADeadLetterTopicIsRefused() {
        assertThatThrownBy(() -> writer.write(new ConsumerRecord<>("no.such.topic", 0, 0L, "k", PAYLOAD), "bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.topic");
    }
}
