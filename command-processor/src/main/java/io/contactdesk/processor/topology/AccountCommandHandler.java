package io.contactdesk.processor.topology;

import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.commands.PaymentRefundFlow;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
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
    private Staging.Staged<Long, Account> accounts;
    private Staging.Staged<String, StarPayment> payments;
    private Staging.Staged<String, AccountCommand> pendingRefunds;
    private OutcomeWriter writer;
    private HandlerGuard guard;

    AccountCommandHandler(AccountCommandApplier applier, LedgerMetrics ledgerMetrics, MeterRegistry meters) {
        this.applier = applier;
        this.ledgerMetrics = ledgerMetrics;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        Staging staging = new Staging(context);
        this.accounts = staging.store(CommandTopology.ACCOUNTS_STORE);
        this.payments = staging.store(CommandTopology.PAYMENTS_STORE);
        this.pendingRefunds = staging.store(CommandTopology.PENDING_REFUNDS_STORE);
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
        guard.handle(() -> writer.write(applier.apply(accounts.get(command.targetUserId()), command), record.timestamp()));
    }

    /** Every task gets the refund; only the one holding the charge (the payer's) acts on it. */
    private void refund(AccountCommand command, long timestamp) {
        StarPayment payment = payments.get(command.reason());
        Account payer = payment == null ? null : accounts.get(payment.userId());
        if (payer == null) {
            return;
        }
        Outcome outcome = refunds.request(payer, payment, command);
        if (outcome.replies().stream().anyMatch(call -> OutboxMessage.REFUND_STAR_PAYMENT.equals(call.method()))) {
            pendingRefunds.put(command.commandId(), command);
        }
        writer.write(outcome, timestamp);
    }
}
