package io.contactdesk.processor.topology;

import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Applies account commands on the task that owns the target user, with the same stores as the update handler. */
final class AccountCommandHandler implements Processor<String, AccountCommand, String, Object> {

    private final AccountCommandApplier applier;
    private final LedgerMetrics ledgerMetrics;
    private final MeterRegistry meters;
    private Staging.Staged<Long, Account> accounts;
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
        this.writer = new OutcomeWriter(context, staging, true, ledgerMetrics);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, AccountCommand> record) {
        AccountCommand command = record.value();
        if (command == null) {
            return;
        }
        guard.handle(() -> writer.write(applier.apply(accounts.get(command.targetUserId()), command), record.timestamp()));
    }
}
