package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.RefundLookup;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.stats.StatsShard;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code apply-account-command} alone, in the task of partition 1 of 4, fed commands through a mock context as Kafka's
 * {@code WordCountProcessorTest} does: a change decided elsewhere lands on the target's account, and a refund's search
 * for its charge is answered by every task and counted on the admin's.
 */
class AccountCommandHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ADA = 42;
    private static final long ADMIN = TestRules.ADMIN;
    private static final int PARTITIONS = 4;
    private static final String CHARGE = "charge-1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockTask task = new MockTask(1);
    private final AccountCommandHandler handler = new AccountCommandHandler(
            new AccountCommandApplier(TestRules.rules().credits()), new LedgerMetrics(meters), meters, PARTITIONS);
    private KeyValueStore<Long, Account> accounts;
    private KeyValueStore<String, StarPayment> payments;
    private KeyValueStore<String, AccountCommand> pendingRefunds;
    private KeyValueStore<String, RefundLookup> refundLookups;

    @BeforeEach
    void init() {
        accounts = task.store(CommandTopology.ACCOUNTS_STORE, Serdes.Long(), JsonSerde.of(Account.class));
        task.store(CommandTopology.HISTORY_STORE, Serdes.Long(), JsonSerde.of(LedgerHistory.class));
        task.store(CommandTopology.SHARD_STATS_STORE, Serdes.String(), JsonSerde.of(StatsShard.class));
        payments = task.store(CommandTopology.PAYMENTS_STORE, Serdes.String(), JsonSerde.of(StarPayment.class));
        pendingRefunds = task.store(CommandTopology.PENDING_REFUNDS_STORE, Serdes.String(),
                JsonSerde.of(AccountCommand.class));
        refundLookups = task.store(CommandTopology.REFUND_LOOKUPS_STORE, Serdes.String(),
                JsonSerde.of(RefundLookup.class));
        handler.init(task.context);
    }

    private void ada(long balance) {
        Account registered = Account.register(new IncomingUpdate.Sender(ADA, null, "Ada", "en"), false, T0);
        accounts.put(ADA, registered.withEntry(balance));
    }

    private static AccountCommand command(String id, AccountCommandType type, long target, long amount, String reason) {
        return new AccountCommand(id, target, type, amount, reason, ADMIN, ADMIN, null, T0, "en", null);
    }

    private void apply(AccountCommand command) {
        handler.process(new Record<>(Long.toString(command.targetUserId()), command, T0.toEpochMilli()));
    }

    private static String text(Object message) {
        return (String) ((OutboxMessage) message).params().get("text");
    }

    @Test
    void aGrantCreditsTheTargetsAccountInTheirLedgerAndTellsBoth() {
        ada(3);

        apply(command("grant-1", AccountCommandType.GRANT, ADA, 5, "thanks"));

        assertThat(accounts.get(ADA).balance()).isEqualTo(8);
        assertThat(task.forwardedTo(CommandTopology.LEDGER_SINK)).singleElement().satisfies(entry -> {
            assertThat(((LedgerEntry) entry).kind()).isEqualTo(LedgerKind.GRANT);
            assertThat(((LedgerEntry) entry).delta()).isEqualTo(5);
            assertThat(((LedgerEntry) entry).balanceAfter()).isEqualTo(8);
        });
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK))
                .extracting(message -> ((OutboxMessage) message).chatId()).containsExactlyInAnyOrder(ADMIN, ADA);
    }

    @Test
    void aCommandToAUserThisTaskDoesNotKnowOnlyTellsTheAdmin() {
        apply(command("grant-1", AccountCommandType.GRANT, ADA, 5, ""));

        assertThat(accounts.get(ADA)).isNull();
        assertThat(task.sinks()).containsExactly(CommandTopology.OUTBOX_SINK);
        assertThat(((OutboxMessage) task.forwardedTo(CommandTopology.OUTBOX_SINK).get(0)).chatId()).isEqualTo(ADMIN);
    }

    @Test
    void aRefundOfAChargeThisTaskDoesNotHoldIsAnsweredAsNotHereAndAsksTelegramNothing() {
        apply(command("refund-1", AccountCommandType.REFUND_PAYMENT, ADMIN, 0, CHARGE));

        assertThat(task.sinks()).containsExactly(CommandTopology.ACCOUNT_COMMANDS_SINK);
        AccountCommand answer = (AccountCommand) task.forwardedTo(CommandTopology.ACCOUNT_COMMANDS_SINK).get(0);
        assertThat(answer.type()).isEqualTo(AccountCommandType.REFUND_LOOKED_UP);
        assertThat(answer.targetUserId()).isEqualTo(ADMIN);
        assertThat(answer.amount()).as("1: this task holds the charge").isZero();
        assertThat(pendingRefunds.approximateNumEntries()).isZero();
    }

    @Test
    void aRefundOfAChargeThisTaskHoldsAsksTelegramAndWaitsForItsAnswer() {
        ada(10);
        payments.put(CHARGE, new StarPayment(CHARGE, ADA, 50, 10, "entry-1", "update:7", T0, null, 0));

        apply(command("refund-1", AccountCommandType.REFUND_PAYMENT, ADMIN, 0, CHARGE));

        assertThat(((AccountCommand) task.forwardedTo(CommandTopology.ACCOUNT_COMMANDS_SINK).get(0)).amount())
                .as("1: this task holds the charge").isEqualTo(1);
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_PRIORITY_SINK)).singleElement()
                .satisfies(call -> assertThat(((OutboxMessage) call).method())
                        .isEqualTo(OutboxMessage.REFUND_STAR_PAYMENT));
        assertThat(pendingRefunds.get("refund-1")).isNotNull();
        assertThat(accounts.get(ADA).balance()).as("credits go back only once Telegram refunded").isEqualTo(10);
    }

    @Test
    void whenTheLastTaskAnswersThatNoneHoldsTheChargeTheAdminLearnsItIsUnknown() {
        for (int answered = 1; answered < PARTITIONS; answered++) {
            apply(command("looked-up-" + answered, AccountCommandType.REFUND_LOOKED_UP, ADMIN, 0, CHARGE));
        }
        assertThat(task.context.forwarded()).as("before the last answer").isEmpty();

        apply(command("looked-up-" + PARTITIONS, AccountCommandType.REFUND_LOOKED_UP, ADMIN, 0, CHARGE));

        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).singleElement()
                .satisfies(message -> assertThat(text(message)).contains("No payment with the charge id")
                        .contains(CHARGE));
        assertThat(refundLookups.approximateNumEntries()).isZero();
    }

    @Test
    void whenOneTaskHoldsTheChargeTheAdminIsNotToldItIsUnknown() {
        apply(command("looked-up-1", AccountCommandType.REFUND_LOOKED_UP, ADMIN, 1, CHARGE));
        for (int answered = 2; answered <= PARTITIONS; answered++) {
            apply(command("looked-up-" + answered, AccountCommandType.REFUND_LOOKED_UP, ADMIN, 0, CHARGE));
        }

        assertThat(task.context.forwarded()).isEmpty();
        assertThat(refundLookups.approximateNumEntries()).isZero();
    }
}
