package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.stats.StatsShard;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UserText;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin commands. They decide here, on the admin's task, and act where the state lives: account changes travel to
 * the target user's task as {@link AccountCommand}s, moderation taps to the listing's task.
 */
final class AdminFlows {

    static final long MAX_AMOUNT = 1_000_000;
    private static final Pattern AMOUNT_COMMAND = Pattern.compile("(\\d{1,15})\\s+(\\d{1,15})(?:\\s+(.+))?", Pattern.DOTALL);
    private static final Pattern USER_ID = Pattern.compile("\\d{1,15}");
    private static final Pattern CHARGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    private final BotRules rules;

    AdminFlows(BotRules rules) {
        this.rules = rules;
    }

    /** /grant and /revoke: {@code <user_id> <amount> [reason]}. */
    void changeCredits(Conversation conversation, IncomingUpdate update, AccountCommandType type) {
        String usage = conversation.texts().usageCredits(type.name().toLowerCase(Locale.ROOT));
        Matcher m = AMOUNT_COMMAND.matcher(update.commandArguments());
        if (!m.matches()) {
            conversation.reply(usage);
            return;
        }
        long target = Long.parseLong(m.group(1));
        long amount = Long.parseLong(m.group(2));
        if (target <= 0 || amount <= 0 || amount > MAX_AMOUNT) {
            conversation.reply(conversation.texts().amountRange(MAX_AMOUNT, usage));
            return;
        }
        String reason = m.group(3) == null ? "" : UserText.clean(m.group(3), false);
        if (reason.length() > 200) {
            reason = UserText.truncate(reason, 200);
        }
        send(conversation, target, type, amount, reason);
    }

    /** /ban and /unban: {@code <user_id>}. */
    void changeBan(Conversation conversation, IncomingUpdate update, AccountCommandType type) {
        String argument = update.commandArguments();
        if (!USER_ID.matcher(argument).matches() || Long.parseLong(argument) <= 0) {
            conversation.reply(conversation.texts().usageBan(type.name().toLowerCase(Locale.ROOT)));
            return;
        }
        long target = Long.parseLong(argument);
        if (type == AccountCommandType.BAN && rules.isAdmin(target)) {
            conversation.reply(conversation.texts().text("admin.ban.admin"));
            return;
        }
        send(conversation, target, type, 0, "");
    }

    /**
     * /refund: {@code <charge_id> [confirm]}. Only the payer's task knows the charge, and the admin need not know the
     * payer: the command goes to every task ({@code targetUserId} 0), and the one holding the charge answers.
     */
    void refund(Conversation conversation, IncomingUpdate update) {
        String[] words = update.commandArguments().split("\\s+");
        boolean confirmed = words.length == 2 && words[1].equalsIgnoreCase("confirm");
        if (!CHARGE_ID.matcher(words[0]).matches() || words.length > 2 || (words.length == 2 && !confirmed)) {
            conversation.reply(conversation.texts().text("refund.usage"));
            return;
        }
        send(conversation, 0, AccountCommandType.REFUND_PAYMENT, confirmed ? 1 : 0, words[0]);
        conversation.reply(conversation.texts().refundLooking(words[0]));
    }

    private void send(Conversation conversation, long target, AccountCommandType type, long amount, String reason) {
        long admin = conversation.account().userId();
        conversation.command(new AccountCommand(conversation.nextCommandId(), target, type, amount, reason, admin,
                admin, null, conversation.now(), conversation.language().code(), null));
    }

    void stats(Conversation conversation, BotState state) {
        StatsShard totals = state.totals().get();
        LocalDate today = LocalDate.ofInstant(conversation.now(), ZoneOffset.UTC);
        Replies replies = conversation.texts();
        conversation.reply(replies.stats(totals.users(), state.directory().count(ListingStatus.ACTIVE),
                state.directory().count(ListingStatus.PENDING), totals.unlocksOn(today), totals.unlocksTotal(),
                replies.credits(totals.creditsOutstanding()), totals.starsReceived(), totals.starsRefunded(),
                replies.credits(totals.creditsSold()), totals.referrals()));
    }

    /** An Approve/Reject tap: decided on the listing's task, where the first decision wins. */
    void moderate(Conversation conversation, BotState state, IncomingUpdate update, CallbackAction.Moderate action) {
        Optional<ListingStatus> status = state.directory().find(action.listingId()).map(l -> l.status());
        if (status.isEmpty()) {
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().text("moderation.unknown"));
            return;
        }
        conversation.moderate(new ModerationRequest(conversation.nextModerationId(), action.listingId(),
                action.approve(), conversation.account().userId(), update.chatId(), update.messageId(),
                update.callbackQueryId(), conversation.now(), conversation.language().code()));
    }
}
