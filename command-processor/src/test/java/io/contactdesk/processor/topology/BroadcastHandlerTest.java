package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fan-out-broadcast} alone, in the task of partition 3 of 12, fed a request through a mock context as Kafka's
 * {@code WordCountProcessorTest} does.
 */
class BroadcastHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ADMIN = 900;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockTask task = new MockTask(3);
    private final MockProcessorContext<String, Object> context = task.context;
    private final BroadcastHandler handler = new BroadcastHandler(12, meters);
    private KeyValueStore<Long, Account> accounts;

    @BeforeEach
    void init() {
        accounts = task.store(CommandTopology.ACCOUNTS_STORE, Serdes.Long(), JsonSerde.of(Account.class));
        handler.init(context);
    }

    private void account(long user, boolean banned) {
        Account account = Account.register(new IncomingUpdate.Sender(user, null, "U" + user, "en"), user == ADMIN, T0);
        accounts.put(user, banned ? account.withBan(true, T0) : account);
    }

    @Test
    void theTaskQueuesTheBroadcastForEachOfItsUsersButTheBannedAndTheSenderAndReportsItsShare() {
        account(41, false);
        account(42, false);
        account(43, true);
        account(ADMIN, false);

        handler.process(new Record<>("b1", new BroadcastRequest("b1", "<b>News</b>", ADMIN, ADMIN, 7, T0),
                T0.toEpochMilli()));

        assertThat(context.forwarded().stream()
                .filter(forward -> forward.childName().orElseThrow().equals(CommandTopology.OUTBOX_BULK_SINK))
                .map(forward -> (String) forward.record().key()).toList()).containsExactlyInAnyOrder("41", "42");
        CapturedForward<?, ?> shard = context.forwarded().get(context.forwarded().size() - 1);
        assertThat(shard.childName()).contains(CommandTopology.BROADCAST_SHARDS_SINK);
        assertThat(shard.record().key()).isEqualTo("b1/3");
        assertThat((BroadcastShard) shard.record().value()).isEqualTo(
                new BroadcastShard("b1", 3, 12, 2, ADMIN, 7, T0));
    }

    @Test
    void eachRecipientsMessageHasAnIdOfItsOwnSoTheNotifierCanTellARepeat() {
        account(41, false);

        handler.process(new Record<>("b1", new BroadcastRequest("b1", "hi", ADMIN, ADMIN, 7, T0), T0.toEpochMilli()));

        OutboxMessage message = (OutboxMessage) context.forwarded().get(0).record().value();
        assertThat(message.outboxId()).isEqualTo("broadcast:b1/user:41");
        assertThat(message.params()).containsEntry("broadcast_id", "b1");
    }
}
