package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.stats.StatsShard;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Makes an {@link Outcome} real inside the current transaction: stores the account, keeps the user's recent history
 * and the task's stats shard, and forwards every event to its topic, keyed as docs/architecture.md section 2 says. Everything goes
 * through the handler's {@link Staging}: it happens only if the whole handling succeeds.
 */
final class OutcomeWriter {

    private static final String SHARD = "shard";

    private final ProcessorContext<String, Object> context;
    private final Staging staging;
    private final Staging.Staged<Long, Account> accounts;
    private final Staging.Staged<Long, LedgerHistory> history;
    private final Staging.Staged<String, StatsShard> shard;
    private final Staging.Staged<String, StarPayment> payments;
    private final LedgerMetrics ledgerMetrics;

    /** For handlers whose outcomes change accounts: connected to the account, history, stats and payment stores. */
    static OutcomeWriter withAccountStores(ProcessorContext<String, Object> context, Staging staging,
                                           LedgerMetrics ledgerMetrics) {
        return new OutcomeWriter(context, staging, staging.store(CommandTopology.ACCOUNTS_STORE),
                staging.store(CommandTopology.HISTORY_STORE), staging.store(CommandTopology.SHARD_STATS_STORE),
                staging.store(CommandTopology.PAYMENTS_STORE), ledgerMetrics);
    }

    /**
     * For handlers connected to none of the account stores (moderation): their outcomes only forward events, and one
     * that carried an account or a payment would fail on the missing store.
     */
    static OutcomeWriter withoutAccountStores(ProcessorContext<String, Object> context, Staging staging,
                                              LedgerMetrics ledgerMetrics) {
        return new OutcomeWriter(context, staging, null, null, null, null, ledgerMetrics);
    }

    private OutcomeWriter(ProcessorContext<String, Object> context, Staging staging,
                          Staging.Staged<Long, Account> accounts, Staging.Staged<Long, LedgerHistory> history,
                          Staging.Staged<String, StatsShard> shard, Staging.Staged<String, StarPayment> payments,
                          LedgerMetrics ledgerMetrics) {
        this.context = context;
        this.staging = staging;
        this.accounts = accounts;
        this.history = history;
        this.shard = shard;
        this.payments = payments;
        this.ledgerMetrics = ledgerMetrics;
    }

    void write(Outcome outcome, long timestamp) {
        if (outcome.account() != null) {
            store(outcome, timestamp);
        }
        if (outcome.profile() != null) {
            forward(CommandTopology.USERS_SINK, Long.toString(outcome.profile().userId()), outcome.profile(), timestamp);
        }
        for (LedgerEntry entry : outcome.ledger()) {
            forward(CommandTopology.LEDGER_SINK, Long.toString(entry.userId()), entry, timestamp);
            ledgerMetrics.record(entry);
        }
        for (ContactUnlocked unlock : outcome.unlocks()) {
            forward(CommandTopology.UNLOCKS_SINK, Long.toString(unlock.userId()), unlock, timestamp);
        }
        for (Listing listing : outcome.listings()) {
            forward(CommandTopology.LISTINGS_SINK, listing.listingId(), listing, timestamp);
        }
        for (AuditEvent event : outcome.audit()) {
            forward(CommandTopology.AUDIT_SINK, Long.toString(event.actorId()), event, timestamp);
        }
        for (AccountCommand command : outcome.accountCommands()) {
            // A refund names a charge, not its payer: every task gets it, the payer's acts (PaymentRefundFlow).
            String sink = command.type() == AccountCommandType.REFUND_PAYMENT
                    ? CommandTopology.ACCOUNT_COMMANDS_EVERY_TASK_SINK : CommandTopology.ACCOUNT_COMMANDS_SINK;
            forward(sink, Long.toString(command.targetUserId()), command, timestamp);
        }
        for (ModerationRequest request : outcome.moderation()) {
            forward(CommandTopology.MODERATION_SINK, request.listingId(), request, timestamp);
        }
        for (BroadcastRequest request : outcome.broadcasts()) {
            forward(CommandTopology.BROADCAST_REQUESTS_SINK, request.broadcastId(), request, timestamp);
        }
        for (BroadcastControl control : outcome.broadcastControls()) {
            forward(CommandTopology.BROADCAST_CONTROL_SINK, control.broadcastId(), control, timestamp);
        }
        for (OpsReportRequested request : outcome.reportRequests()) {
            forward(CommandTopology.REPORT_REQUESTS_SINK, Long.toString(request.chatId()), request, timestamp);
        }
        for (StarPayment payment : outcome.payments()) {
            payments.put(payment.chargeId(), payment);
            forward(CommandTopology.PAYMENTS_SINK, Long.toString(payment.userId()), payment, timestamp);
        }
        for (OutboxMessage reply : outcome.replies()) {
            // Telegram gives up on a pre-checkout after 10 s: its answer must not queue behind other replies.
            // A refund's outcome is reported back by the notifier's priority lane.
            String sink = OutboxMessage.ANSWER_PRE_CHECKOUT_QUERY.equals(reply.method())
                    || OutboxMessage.REFUND_STAR_PAYMENT.equals(reply.method())
                    ? CommandTopology.OUTBOX_PRIORITY_SINK : CommandTopology.OUTBOX_SINK;
            forward(sink, Long.toString(reply.chatId()), reply, timestamp);
        }
    }

    private void store(Outcome outcome, long timestamp) {
        Account account = outcome.account();
        accounts.put(account.userId(), account);
        if (!outcome.ledger().isEmpty()) {
            LedgerHistory recent = history.get(account.userId());
            LedgerHistory updated = recent == null ? new LedgerHistory(null) : recent;
            for (LedgerEntry entry : outcome.ledger()) {
                updated = updated.with(entry);
            }
            history.put(account.userId(), updated);
        }
        StatsShard before = shard.get(SHARD);
        StatsShard after = before == null ? StatsShard.EMPTY : before;
        if (outcome.registered()) {
            after = after.withUser();
        }
        for (LedgerEntry entry : outcome.ledger()) {
            after = after.withCredits(entry.delta());
        }
        // A payment's event is written once: when it is credited, and once more when it is refunded.
        for (StarPayment payment : outcome.payments()) {
            after = payment.isRefunded() ? after.withRefund(payment.stars())
                    : after.withPayment(payment.stars(), payment.credits());
        }
        // Counted on the referrer's task, where the referral is accepted (it answers the newcomer with a welcome).
        for (AccountCommand command : outcome.accountCommands()) {
            if (command.type() == AccountCommandType.REFERRAL_WELCOME) {
                after = after.withReferral();
            }
        }
        for (ContactUnlocked unlock : outcome.unlocks()) {
            after = after.withUnlock(LocalDate.ofInstant(unlock.unlockedAt(), ZoneOffset.UTC));
        }
        if (!after.equals(before == null ? StatsShard.EMPTY : before)) {
            shard.put(SHARD, after);
            String key = "shard-" + context.taskId().partition();
            // The record's time, as for every other output: a replay writes exactly the same records.
            staging.forward(CommandTopology.STATS_SINK, key, after, timestamp);
        }
    }

    private void forward(String sink, String key, Object value, long timestamp) {
        staging.forward(sink, key, value, timestamp);
    }
}
