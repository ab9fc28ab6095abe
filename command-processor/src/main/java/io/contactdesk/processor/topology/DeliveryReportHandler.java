package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.processor.accounts.Account;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records on the user's account that they blocked the bot (reported by the notifier's 403), so the processor stops
 * sending to them; their next message clears it. Keyed by chat id, which for private chats is the user's id.
 */
final class DeliveryReportHandler implements Processor<String, DeliveryReport, String, Object> {

    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, Account> accounts;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.accounts = context.getStateStore(CommandTopology.ACCOUNTS_STORE);
    }

    @Override
    public void process(Record<String, DeliveryReport> record) {
        DeliveryReport report = record.value();
        if (report == null || report.outcome() != DeliveryReport.Outcome.BLOCKED_BY_USER) {
            return;
        }
        Account account = accounts.get(report.chatId());
        // A report older than the user's last message is stale: they wrote again since, so they are not blocking.
        if (account == null || account.profile().blocked() || report.at().isBefore(account.profile().updatedAt())) {
            return;
        }
        Account blocked = account.blockedAt(report.at());
        accounts.put(blocked.userId(), blocked);
        context.forward(new Record<>(Long.toString(blocked.userId()), blocked.profile(), record.timestamp()),
                CommandTopology.USERS_SINK);
    }
}
