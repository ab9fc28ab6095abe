package io.contactdesk.processor.topology;

import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies account commands on the task that owns the target user, with the same stores as the update handler. */
final class AccountCommandHandler implements Processor<String, AccountCommand, String, Object> {

    private final AccountCommandApplier applier;
    private final LedgerMetrics ledgerMetrics;
    private KeyValueStore<Long, Account> accounts;
    private OutcomeWriter writer;

    AccountCommandHandler(AccountCommandApplier applier, LedgerMetrics ledgerMetrics) {
        this.applier = applier;
        this.ledgerMetrics = ledgerMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.accounts = context.getStateStore(CommandTopology.ACCOUNTS_STORE);
        this.writer = new OutcomeWriter(context, true, ledgerMetrics);
    }

    @Override
    public void process(Record<String, AccountCommand> record) {
        AccountCommand command = record.value();
        if (command == null) {
            return;
        }
        writer.write(applier.apply(accounts.get(command.targetUserId()), command), record.timestamp());
    }
}
