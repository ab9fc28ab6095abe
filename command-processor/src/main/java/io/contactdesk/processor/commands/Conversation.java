package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.moderation.ModerationRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handling of one input in progress: the account as it changes and the events it produces, each with an id
 * derived from the cause ({@code update:17/reply:0}, {@code update:17/ledger:0}) so a replay yields the same ids.
 */
public final class Conversation {

    private final String causeId;
    private final long chatId;
    private final Instant now;
    private final Account before;
    private final boolean registered;
    private final List<OutboxMessage> replies = new ArrayList<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final List<Listing> listings = new ArrayList<>();
    private final List<ContactUnlocked> unlocks = new ArrayList<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final List<AccountCommand> accountCommands = new ArrayList<>();
    private final List<ModerationRequest> moderation = new ArrayList<>();
    private final List<BroadcastRequest> broadcasts = new ArrayList<>();
    private final List<BroadcastControl> broadcastControls = new ArrayList<>();
    private final List<StarPayment> payments = new ArrayList<>();
    private final List<OpsReportRequested> reportRequests = new ArrayList<>();
    private Account account;
    private boolean rateLimited;

    public Conversation(String causeId, long chatId, Account before, Account account, boolean registered, Instant now) {
        this.causeId = causeId;
        this.chatId = chatId;
        this.before = before;
        this.account = account;
        this.registered = registered;
        this.now = now;
    }

    public String causeId() {
        return causeId;
    }

    public Instant now() {
        return now;
    }

    /** The user had no account before this input. */
    public boolean isNewUser() {
        return registered;
    }

    public Account account() {
        return account;
    }

    /** What the bot says to this user, in their language (English when there is no account, e.g. to admins' chats). */
    Replies texts() {
        return Replies.in(language());
    }

    /** This user's language: their {@code /language} choice, else their app's, else English. */
    public Language language() {
        return account == null ? Language.FALLBACK
                : Language.forUser(account.language(), account.profile().languageCode());
    }

    public void update(Account changed) {
        this.account = changed;
    }

    public void reply(String html) {
        reply(html, null);
    }

    public void reply(String html, InlineKeyboard keyboard) {
        sendTo(chatId, html, keyboard);
    }

    public void sendTo(long chat, String html, InlineKeyboard keyboard) {
        replies.add(OutboxMessage.sendMessage(nextReplyId(), chat, html, keyboard, causeId, now));
    }

    /** A reply whose {@link OutboxMessage#CONTACT_PLACEHOLDER} the notifier fills with the opened envelope. */
    public void replyRevealing(String html, InlineKeyboard keyboard, String sealedContact, String listingId) {
        replies.add(OutboxMessage.sendMessage(nextReplyId(), chatId, html, keyboard, causeId, now)
                .revealing(sealedContact, listingId));
    }

    public void sendToRevealing(long chat, String html, InlineKeyboard keyboard, String sealedContact, String listingId) {
        replies.add(OutboxMessage.sendMessage(nextReplyId(), chat, html, keyboard, causeId, now)
                .revealing(sealedContact, listingId));
    }

    public void edit(long messageId, String html, InlineKeyboard keyboard) {
        editIn(chatId, messageId, html, keyboard);
    }

    public void editIn(long chat, long messageId, String html, InlineKeyboard keyboard) {
        replies.add(OutboxMessage.editMessageText(nextReplyId(), chat, messageId, html, keyboard, causeId, now));
    }

    public void editRevealing(long messageId, String html, InlineKeyboard keyboard, String sealedContact, String listingId) {
        replies.add(OutboxMessage.editMessageText(nextReplyId(), chatId, messageId, html, keyboard, causeId, now)
                .revealing(sealedContact, listingId));
    }

    public void answerCallback(String callbackQueryId, String text) {
        replies.add(OutboxMessage.answerCallbackQuery(nextReplyId(), chatId, callbackQueryId, text, causeId, now));
    }

    /** Changes the balance and records why; a change that would make it negative is a bug, never a state. */
    public LedgerEntry credit(long delta, LedgerKind kind, String reason) {
        long balance = Math.addExact(account.balance(), delta);
        String entryId = EventIds.derived(causeId, "ledger", ledger.size());
        LedgerEntry entry = new LedgerEntry(entryId, account.userId(), delta, balance, kind, reason, causeId, now,
                account.ledgerEntries() + 1);
        ledger.add(entry);
        account = account.withEntry(balance);
        return entry;
    }

    public void publish(Listing listing) {
        listings.add(listing);
    }

    public void unlocked(String listingId, LedgerEntry payment, long cost) {
        unlocks.add(new ContactUnlocked(EventIds.derived(causeId, "unlock", unlocks.size()), account.userId(),
                listingId, payment.entryId(), cost, now));
    }

    public void audit(long actorId, String action, String target, Map<String, String> details) {
        audit.add(new AuditEvent(EventIds.derived(causeId, "audit", audit.size()), actorId, action, target, details, now));
    }

    public String nextCommandId() {
        return EventIds.derived(causeId, "command", accountCommands.size());
    }

    public void command(AccountCommand command) {
        accountCommands.add(command);
    }

    public void moderate(ModerationRequest request) {
        moderation.add(request);
    }

    public String nextModerationId() {
        return EventIds.derived(causeId, "moderation", moderation.size());
    }

    public void broadcast(BroadcastRequest request) {
        broadcasts.add(request);
    }

    public void control(BroadcastControl control) {
        broadcastControls.add(control);
    }

    /** A call to the Bot API that is not a message: an invoice, a pre-checkout answer, a refund. */
    public void call(OutboxMessage message) {
        replies.add(message);
    }

    public String nextReplyIdForCall() {
        return nextReplyId();
    }

    /** Asks the ops console, which answers in this chat: the live state of the pipeline is not the processor's input. */
    public void requestReport(OpsReportRequested.Report report) {
        reportRequests.add(new OpsReportRequested(EventIds.derived(causeId, "report", reportRequests.size()),
                account.userId(), chatId, report, causeId, now));
    }

    public void paid(StarPayment payment) {
        payments.add(payment);
    }

    public long chatId() {
        return chatId;
    }

    public void rateLimited() {
        rateLimited = true;
    }

    private String nextReplyId() {
        return EventIds.derived(causeId, "reply", replies.size());
    }

    /** The events of an input that concerns no stored account (e.g. a command for a user who never started the bot). */
    public Outcome outcomeWithoutAccount() {
        return new Outcome(null, false, null, replies, ledger, listings, unlocks, audit, accountCommands, moderation,
                broadcasts, broadcastControls, payments, reportRequests, rateLimited);
    }

    public Outcome outcome() {
        boolean profileChanged = before == null || !before.profile().equals(account.profile());
        return new Outcome(account, registered, profileChanged ? account.profile() : null, replies, ledger, listings,
                unlocks, audit, accountCommands, moderation, broadcasts, broadcastControls, payments, reportRequests,
                rateLimited);
    }
}
