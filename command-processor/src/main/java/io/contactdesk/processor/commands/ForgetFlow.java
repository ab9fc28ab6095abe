package io.contactdesk.processor.commands;

import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.history.LedgerHistory;
import java.util.Map;

/**
 * {@code /forgetme}: the user has the bot delete their profile and unlocks. It asks first (the reply says what goes
 * and what stays) and acts on the inline button or on {@code /forgetme confirm}.
 *
 * <p>What it keeps is what the ledger's invariants need: the user id and every entry's amount, kind, date, sequence
 * and balance. The balance is forfeited by one {@link LedgerKind#FORGET} entry that takes it to 0, so the user's
 * entries still sum to the last {@code balanceAfter} and their sequence has no gap. Reasons are dropped from the
 * history the bot shows (they name unlocked listings and repeat what admins wrote); the db-writer nulls them in
 * PostgreSQL. A user who writes again starts with an empty profile and no credits, and no second signup bonus: the
 * ledger still knows the id, and a bonus per deletion would be free credits on demand.
 */
final class ForgetFlow {

    static final String CONFIRM_ARGUMENT = "confirm";

    /** Asks, naming what would go. The button carries the ledger's length: once anything changed, it has expired. */
    void ask(DirectoryFlows.Screen screen) {
        Account account = screen.conversation().account();
        Replies replies = screen.conversation().texts();
        Keyboards keyboard = Keyboards.create()
                .row(button(replies.text("forget.button.delete"), CallbackAction.forget(true, account.ledgerEntries())))
                .row(button(replies.text("forget.button.keep"), CallbackAction.forget(false, account.ledgerEntries())));
        screen.show(replies.forgetAsk(account.unlocked().size(), account.balance()), keyboard.build());
    }

    /** The button's answer; a button from before the last change of credits (or a forgetting) only expires. */
    void tapped(DirectoryFlows.Screen screen, BotState state, CallbackAction.Forget tap) {
        if (tap.ledgerEntries() != screen.conversation().account().ledgerEntries()) {
            screen.refuse(screen.conversation().texts().text("forget.expired"));
            return;
        }
        if (!tap.confirmed()) {
            screen.show(screen.conversation().texts().text("forget.kept"), null);
            return;
        }
        forget(screen, state);
    }

    void forget(DirectoryFlows.Screen screen, BotState state) {
        Conversation conversation = screen.conversation();
        Account account = conversation.account();
        long user = account.userId();
        long forfeited = account.balance();
        LedgerHistory history = state.history().get(user);
        if (history != null) {
            state.history().put(user, history.withoutReasons());
        }
        state.sessions().delete(user);
        state.broadcasts().delete(user);
        // Said in the language the user spoke until now: forgetting deletes the profile's language too.
        Replies replies = conversation.texts();
        conversation.update(account.forgotten(conversation.now()));
        conversation.credit(-forfeited, LedgerKind.FORGET, null);
        // Proof that the deletion was done, for whoever answers a complaint: no names, only the id and the amount.
        conversation.audit(user, "forget", "user:" + user, Map.of("forfeited", Long.toString(forfeited)));
        screen.show(replies.forgetDone(forfeited), null);
    }
}
