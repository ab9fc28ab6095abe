package io.contactdesk.processor.commands;

import io.contactdesk.processor.accounts.UserStore;
import io.contactdesk.processor.broadcast.BroadcastDraft;
import io.contactdesk.processor.directory.Directory;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.ratelimit.RateWindow;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.stats.StatsShard;
import java.util.function.Supplier;

/** The state the rules read besides the user's account: a task's stores and the global views. */
public record BotState(
        Directory directory,
        UserStore<SubmitSession> sessions,
        UserStore<LedgerHistory> history,
        UserStore<RateWindow> rateWindows,
        UserStore<BroadcastDraft> broadcasts,
        Supplier<StatsShard> totals) {
}
