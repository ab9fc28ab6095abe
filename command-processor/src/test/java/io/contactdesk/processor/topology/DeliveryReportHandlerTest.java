package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.DeliveryReport.Finding;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
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
 * {@code note-delivery-report} alone, fed what the notifier reports through a mock context as Kafka's
 * {@code WordCountProcessorTest} does: a user who blocked the bot is flagged, a contact that could not be shown is paid
 * back, and Telegram's answer to a refund settles it.
 */
class DeliveryReportHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ADA = 42;
    private static final String CHARGE = "charge-1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockTask task = new MockTask(0);
    private final DeliveryReportHandler handler = new DeliveryReportHandler(meters, new LedgerMetrics(meters));
    private KeyValueStore<Long, Account> accounts;
    private KeyValueStore<Long, LedgerHistory> history;
    private KeyValueStore<String, StarPayment> payments;
    private KeyValueStore<String, AccountCommand> pendingRefunds;

    @BeforeEach
    void init() {
        accounts = task.store(CommandTopology.ACCOUNTS_STORE, Serdes.Long(), JsonSerde.of(Account.class));
        history = task.store(CommandTopology.HISTORY_STORE, Serdes.Long(), JsonSerde.of(LedgerHistory.class));
        task.store(CommandTopology.SHARD_STATS_STORE, Serdes.String(), JsonSerde.of(StatsShard.class));
        payments = task.store(CommandTopology.PAYMENTS_STORE, Serdes.String(), JsonSerde.of(StarPayment.class));
        pendingRefunds = task.store(CommandTopology.PENDING_REFUNDS_STORE, Serdes.String(),
                JsonSerde.of(AccountCommand.class));
        handler.init(task.context);
    }

    /** Ada, last seen at {@code T0}, with {@code balance} credits. */
    private Account ada(long balance) {
        Account account = Account.register(new IncomingUpdate.Sender(ADA, null, "Ada", "en"), false, T0)
                .withEntry(balance);
        accounts.put(ADA, account);
        return account;
    }

    private void report(DeliveryReport report) {
        handler.process(new Record<>(Long.toString(report.chatId()), report, report.at().toEpochMilli()));
    }

    @Test
    void aUserWhoBlockedTheBotIsFlaggedAndTheirProfilePublished() {
        ada(3);

        report(new DeliveryReport("out-1", ADA, Finding.BLOCKED_BY_USER, "Forbidden", T0.plusSeconds(5)));

        assertThat(accounts.get(ADA).profile().blocked()).isTrue();
        assertThat(task.forwardedTo(CommandTopology.USERS_SINK)).singleElement()
                .satisfies(profile -> assertThat(((UserProfile) profile).blocked()).isTrue());
    }

    @Test
    void aBlockReportOlderThanTheUsersLastMessageChangesNothing() {
        ada(3);

        report(new DeliveryReport("out-1", ADA, Finding.BLOCKED_BY_USER, "Forbidden", T0.minusSeconds(5)));

        assertThat(accounts.get(ADA).profile().blocked()).isFalse();
        assertThat(task.context.forwarded()).isEmpty();
    }

    @Test
    void aContactNotShownPaysTheUnlockBackAndLocksTheListingAgain() {
        accounts.put(ADA, ada(2).withUnlocked("s1"));
        history.put(ADA, new LedgerHistory(null).with(new LedgerEntry("entry-1", ADA, -1, 2, LedgerKind.UNLOCK,
                "unlock s1", "update:7", T0, 1L)));

        report(new DeliveryReport("out-1", ADA, Finding.CONTACT_NOT_SHOWN, "dead-lettered", T0.plusSeconds(5),
                "update:7", "s1"));

        assertThat(task.forwardedTo(CommandTopology.LEDGER_SINK)).singleElement().satisfies(entry -> {
            assertThat(((LedgerEntry) entry).kind()).isEqualTo(LedgerKind.REFUND);
            assertThat(((LedgerEntry) entry).delta()).isEqualTo(1);
        });
        assertThat(accounts.get(ADA).balance()).isEqualTo(3);
        assertThat(accounts.get(ADA).hasUnlocked("s1")).isFalse();
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).singleElement()
                .satisfies(message -> assertThat(((OutboxMessage) message).chatId()).isEqualTo(ADA));
    }

    @Test
    void telegramsRefundTakesThePacksCreditsBackOnceAndTellsTheAdmin() {
        ada(10);
        payments.put(CHARGE, new StarPayment(CHARGE, ADA, 50, 10, "entry-1", "update:7", T0, null, 0));
        pendingRefunds.put("refund-1", new AccountCommand("refund-1", TestRules.ADMIN,
                AccountCommandType.REFUND_PAYMENT, 0, CHARGE, TestRules.ADMIN, TestRules.ADMIN, null, T0, "en", null));
        DeliveryReport refunded = new DeliveryReport("out-2", ADA, Finding.REFUNDED, null, T0.plusSeconds(5),
                "refund-1", null);

        report(refunded);

        assertThat(task.forwardedTo(CommandTopology.LEDGER_SINK)).singleElement().satisfies(entry -> {
            assertThat(((LedgerEntry) entry).kind()).isEqualTo(LedgerKind.PURCHASE_REFUND);
            assertThat(((LedgerEntry) entry).delta()).isEqualTo(-10);
        });
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK))
                .extracting(message -> ((OutboxMessage) message).chatId()).contains(TestRules.ADMIN);
        assertThat(accounts.get(ADA).balance()).isZero();
        assertThat(payments.get(CHARGE).isRefunded()).isTrue();
        assertThat(pendingRefunds.get("refund-1")).isNull();

        task.context.resetForwards();
        report(refunded);

        assertThat(task.context.forwarded()).as("the second report finds nothing pending").isEmpty();
    }
}
