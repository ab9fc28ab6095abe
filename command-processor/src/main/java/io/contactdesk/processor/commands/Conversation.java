package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The handling of one update in progress: the account as it changes and the events it produces, each with an id
 * derived from the update ({@code update:17/reply:0}, {@code update:17/ledger:0}) so a replay yields the same ids.
 */
final class Conversation {

    private final IncomingUpdate update;
    private final Instant now;
    private final boolean profileChanged;
    private Account account;
    private final List<OutboxMessage> replies = new ArrayList<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();

    Conversation(IncomingUpdate update, Account account, boolean profileChanged, Instant now) {
        this.update = update;
        this.account = account;
        this.profileChanged = profileChanged;
        this.now = now;
    }

    IncomingUpdate update() {
        return update;
    }

    Account account() {
        return account;
    }

    void update(Account changed) {
        this.account = changed;
    }

    void reply(String html) {
        reply(html, null);
    }

    void reply(String html, InlineKeyboard keyboard) {
        replies.add(OutboxMessage.sendMessage(nextReplyId(), update.chatId(), html, keyboard, update.causeId(), now));
    }

    void answerCallback(String text) {
        replies.add(OutboxMessage.answerCallbackQuery(
                nextReplyId(), update.chatId(), update.callbackQueryId(), text, update.causeId(), now));
    }

    /** Changes the balance and records why; a change that would make it negative is a bug, never a state. */
    void credit(long delta, LedgerKind kind, String reason) {
        long balance = Math.addExact(account.balance(), delta);
        String entryId = EventIds.derived(update.causeId(), "ledger", ledger.size());
        ledger.add(new LedgerEntry(entryId, account.userId(), delta, balance, kind, reason, update.causeId(), now));
        account = account.withBalance(balance);
    }

    private String nextReplyId() {
        return EventIds.derived(update.causeId(), "reply", replies.size());
    }

    Outcome outcome() {
        return new Outcome(account, replies, ledger, profileChanged ? account.profile() : null);
    }
}
