package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.processor.accounts.Account;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;


/**
 * Records on the user's account that they blocked the bot (reported by the notifier's 403), so the processor stops
 * sending to them; their next message clears it. Keyed by chat id, which for private chats is the user's id.
 */
final class DeliveryReportHandler implements Processor<String, DeliveryReport, String, Object> {

    private final MeterRegistry meters;
    private Staging staging;
    private Staging.Staged<Long, Account> accounts;
    private HandlerGuard guard;

    DeliveryReportHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.staging = new Staging(context);
        this.accounts = staging.store(CommandTopology.ACCOUNTS_STORE);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, DeliveryReport> record) {
        DeliveryReport report = record.value();
        if (report == null || report.outcome() != DeliveryReport.Outcome.BLOCKED_BY_USER) {
            return;
        }
        guard.handle(() -> blocked(report, record.timestamp()));
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
