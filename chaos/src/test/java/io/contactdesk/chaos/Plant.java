package io.contactdesk.chaos;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.CommittedRecords;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One fault the harness plants (never the product code) to prove that the verdicts see it: {@code -Dchaos.plant=NAME}
 * on the chaos run, and {@code PlantedFaultsIT} for each of them on a minimal workload.
 */
enum Plant {
    /** None: the run is judged as it is. */
    NONE,
    /** The sandbox answers one sendMessage ok but records nothing: "lost replies: 1". */
    SWALLOW_REPLY,
    /** One already processed update is produced to tg.updates a second time: must be absorbed (the run passes). */
    DUPLICATE_UPDATE,
    /** One credit_ledger row is deleted after the drain: "PostgreSQL vs processor mismatch: 1 user". */
    DROP_LEDGER_ROW,
    /** The sandbox records one reply twice: "duplicated replies without a fault to explain them: 1". */
    DOUBLE_REPLY;

    static Plant named(String name) {
        return name == null || name.isBlank() ? NONE : valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Planted while the load runs. */
    void duringLoad(Stack stack) {
        switch (this) {
            case SWALLOW_REPLY -> stack.chats.recordFault("swallow", 1, 0);
            case DOUBLE_REPLY -> stack.chats.recordFault("duplicate", 1, 0);
            case DUPLICATE_UPDATE -> replayOneUpdate(stack);
            default -> {
            }
        }
    }

    /** Planted once everything is drained, before the checks read PostgreSQL; only rows of {@code users}. */
    void afterDrain(Stack stack, Collection<Long> users) {
        if (this == DROP_LEDGER_ROW) {
            String ids = users.stream().map(String::valueOf).collect(Collectors.joining(","));
            try (Connection db = stack.database(); Statement statement = db.createStatement()) {
                // A grant or an unlock if there is one: the sign-up bonus is the row a reader would guess first.
                int deleted = statement.executeUpdate("delete from credit_ledger where ctid = (select ctid from credit_ledger"
                        + " where user_id in (" + ids + ") order by kind = 'SIGNUP_BONUS', user_id, sequence limit 1)");
                if (deleted != 1) {
                    throw new IllegalStateException("no credit_ledger row to delete");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot plant drop-ledger-row: " + e, e);
            }
        }
    }

    /** The first committed record of tg.updates, produced again byte for byte, headers and key included. */
    private static void replayOneUpdate(Stack stack) {
        String bootstrap = stack.broker.bootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ConsumerRecord<byte[], byte[]> record = CommittedRecords.bytesOf(bootstrap, List.of(Topics.UPDATES.name()))
                    .stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no record on " + Topics.UPDATES.name() + " to replay"));
            producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                    record.headers())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot plant duplicate-update: " + e, e);
        }
    }
}
