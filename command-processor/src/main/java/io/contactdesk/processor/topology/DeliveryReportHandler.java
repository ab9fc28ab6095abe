package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.commands.PaymentRefundFlow;
import io.contactdesk.processor.commands.RefundFlow;
import io.contactdesk.processor.history.LedgerHistory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the notifier learnt while delivering, applied on the user's account. Keyed by chat id, which for private chats
 * is the user's id. The user blocked the bot (403): flagged, so the processor stops sending to them; their next
 * message clears it. A revealed contact could not be shown (its message was dead-lettered): the unlock is refunded
 * ({@link RefundFlow}).
 */
final class DeliveryReportHandler implements Processor<String, DeliveryReport, String, Object> {

    private final MeterRegistry meters;
    private final LedgerMetrics ledgerMetrics;
    private final RefundFlow refunds = new RefundFlow();
    private final PaymentRefundFlow paymentRefunds = new PaymentRefundFlow();
    private Staging.Staged<String, StarPayment> payments;
    private Staging.Staged<String, AccountCommand> pendingRefunds;
    private Staging staging;
    private Staging.Staged<Long, Account> accounts;
    private Staging.Staged<Long, LedgerHistory> history;
    private OutcomeWriter writer;
    private HandlerGuard guard;

    DeliveryReportHandler(MeterRegistry meters, LedgerMetrics ledgerMetrics) {
        this.meters = meters;
        this.ledgerMetrics = ledgerMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.staging = new Staging(context);
        this.accounts = staging.store(CommandTopology.ACCOUNTS_STORE);
        this.history = staging.store(CommandTopology.HISTORY_STORE);
        this.payments = staging.store(CommandTopology.PAYMENTS_STORE);
        this.pendingRefunds = staging.store(CommandTopology.PENDING_REFUNDS_STORE);
        this.writer = OutcomeWriter.withAccountStores(context, staging, ledgerMetrics);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, DeliveryReport> record) {
        DeliveryReport report = record.value();
        if (report == null || report.outcome() == null) {
            return;
        }
        switch (report.outcome()) {
            case BLOCKED_BY_USER -> guard.handle(() -> blocked(report, record.timestamp()));
            case CONTACT_NOT_SHOWN -> guard.handle(() -> refunds.contactNotShown(accounts.get(report.chatId()),
                    history.get(report.chatId()), report).ifPresent(outcome -> writer.write(outcome, record.timestamp())));
            case REFUNDED, REFUND_FAILED -> guard.handle(() -> refund(report, record.timestamp()));
        }
    }

    /** How Telegram answered a refund asked for by {@code report.causeId()}; a second report finds nothing pending. */
    private void refund(DeliveryReport report, long timestamp) {
        AccountCommand pending = report.causeId() == null ? null : pendingRefunds.get(report.causeId());
        StarPayment payment = pending == null ? null : payments.get(pending.reason());
        Account payer = payment == null ? null : accounts.get(payment.userId());
        if (payer == null) {
            return;
        }
        pendingRefunds.delete(report.causeId());
        writer.write(report.outcome() == DeliveryReport.Finding.REFUNDED
                ? paymentRefunds.refunded(payer, payment, pending, report)
                : paymentRefunds.failed(payer, payment, pending, report), timestamp);
    }

    private void blocked(DeliveryReport report, long timestamp) {
        Account account = accounts.get(report.chatId());
        // A report older than the user's last message is stale: they wrote again since, so they are not blocking.
        if (account == null || account.profile().blocked() || report.at().isBefore(account.profile().updatedAt())) {
            return;
        }
        Account blocked = account.blockedAt(report.at());
        accounts.put(blocked.userId(), blocked);
        staging.forward(CommandTopology.USERS_SINK, Long.toString(blocked.userId()), blocked.profile(), timestamp);
    }
}
