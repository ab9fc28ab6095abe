package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.commands.PaymentRefundFlow;
import io.contactdesk.processor.commands.RefundLookup;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Applies account commands on the task that owns the target user, with the same stores as the update handler. */
final class AccountCommandHandler implements Processor<String, AccountCommand, String, Object> {

    private final AccountCommandApplier applier;
    private final LedgerMetrics ledgerMetrics;
    private final MeterRegistry meters;
    private final PaymentRefundFlow refunds = new PaymentRefundFlow();
    private final int partitions;
    private Staging.Staged<Long, Account> accounts;
    private Staging.Staged<String, StarPayment> payments;
    private Staging.Staged<String, AccountCommand> pendingRefunds;
    private Staging.Staged<String, RefundLookup> refundLookups;
    private int task;
    private OutcomeWriter writer;
    private HandlerGuard guard;

    /** @param partitions of the account commands' topic: how many tasks answer a refund's search for its charge */
    AccountCommandHandler(AccountCommandApplier applier, LedgerMetrics ledgerMetrics, MeterRegistry meters,
            int partitions) {
        this.applier = applier;
        this.partitions = partitions;
        this.ledgerMetrics = ledgerMetrics;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        Staging staging = new Staging(context);
        this.accounts = staging.store(CommandTopology.ACCOUNTS_STORE);
        this.payments = staging.store(CommandTopology.PAYMENTS_STORE);
        this.pendingRefunds = staging.store(CommandTopology.PENDING_REFUNDS_STORE);
        this.refundLookups = staging.store(CommandTopology.REFUND_LOOKUPS_STORE);
        this.task = context.taskId().partition();
        this.writer = OutcomeWriter.withAccountStores(context, staging, ledgerMetrics);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, AccountCommand> record) {
        AccountCommand command = record.value();
        if (command == null) {
            return;
        }
        if (command.type() == AccountCommandType.REFUND_PAYMENT) {
            guard.handle(() -> refund(command, record.timestamp()));
            return;
        }
        if (command.type() == AccountCommandType.REFUND_LOOKED_UP) {
            guard.handle(() -> lookedUp(command, record.timestamp()));
            return;
        }
        guard.handle(() -> writer.write(applier.apply(accounts.get(command.targetUserId()), command), record.timestamp()));
    }

    /** Every task gets the refund; only the one holding the charge (the payer's) acts on it. */
    private void refund(AccountCommand command, long timestamp) {
        StarPayment payment = payments.get(command.reason());
        Account payer = payment == null ? null : accounts.get(payment.userId());
        writer.write(refunds.lookedUp(command, task, payer != null), timestamp);
        if (payer == null) {
            return;
        }
        Outcome outcome = refunds.request(payer, payment, command);
        if (outcome.replies().stream().anyMatch(call -> OutboxMessage.REFUND_STAR_PAYMENT.equals(call.method()))) {
            pendingRefunds.put(command.commandId(), command);
        }
        writer.write(outcome, timestamp);
    }

    /**
     * On the admin's task: one more task answered whether it holds the charge. The refund's admin, time and charge
     * name the search (its command id is not carried); two identical refunds in one instant count together, and
     * each complete round of answers still ends in one reply.
     */
    private void lookedUp(AccountCommand answer, long timestamp) {
        String search = answer.actorId() + "/" + answer.at().toEpochMilli() + "/" + answer.reason();
        RefundLookup before = refundLookups.get(search);
        RefundLookup after = (before == null ? RefundLookup.NOTHING_YET : before).answer(answer.amount() == 1);
        if (!after.complete(partitions)) {
            refundLookups.put(search, after);
            return;
        }
        refundLookups.delete(search);
        if (after.unknownCharge(partitions)) {
            writer.write(refunds.unknownCharge(answer), timestamp);
        }
    }
}
