package io.contactdesk.processor.admin;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.commands.Conversation;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.credits.Credits;
import io.contactdesk.processor.referrals.ReferralRules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an {@link AccountCommand} on the task that owns the target user, tells the admin the result and the user
 * what happened to them, and records every admin action in the audit log.
 */
public final class AccountCommandApplier {

    private final CreditRules credits;

    public AccountCommandApplier(CreditRules credits) {
        this.credits = credits;
    }

    public Outcome apply(Account target, AccountCommand command) {
        if (target == null) {
            return unknownUser(command);
        }
        long user = target.userId();
        Conversation conversation = new Conversation(command.commandId(), user, target, target, false, command.at());
        Map<String, String> details = new LinkedHashMap<>();
        switch (command.type()) {
            case GRANT -> {
                conversation.credit(command.amount(), LedgerKind.GRANT, reasonOr(command, "granted by an admin"));
                details.put("amount", Long.toString(command.amount()));
                tellAdmin(conversation, command, "Granted " + Credits.format(command.amount()) + " to " + user
                        + ". Balance: " + Credits.format(conversation.account().balance()) + ".");
                tellUser(conversation, "🎁 You received <b>" + Credits.format(command.amount()) + "</b>"
                        + reasonSuffix(command) + ". Balance: <b>" + Credits.format(conversation.account().balance()) + "</b>.");
            }
            case REVOKE -> {
                // Never below zero: an admin revoking more than there is takes what there is.
                long taken = Math.min(command.amount(), target.balance());
                if (taken > 0) {
                    conversation.credit(-taken, LedgerKind.REVOKE, reasonOr(command, "revoked by an admin"));
                }
                details.put("amount", Long.toString(taken));
                details.put("requested", Long.toString(command.amount()));
                tellAdmin(conversation, command, "Revoked " + Credits.format(taken) + " from " + user
                        + (taken < command.amount() ? " (that was all they had)" : "")
                        + ". Balance: " + Credits.format(conversation.account().balance()) + ".");
            }
            case BAN -> {
                conversation.update(target.withBan(true, command.at()));
                tellAdmin(conversation, command, "User " + user + " is banned.");
            }
            case UNBAN -> {
                conversation.update(target.withBan(false, command.at()));
                tellAdmin(conversation, command, "User " + user + " is no longer banned.");
                tellUser(conversation, "You can use the bot again.");
            }
            case LISTING_APPROVED -> {
                if (credits.listingReward() > 0) {
                    conversation.credit(credits.listingReward(), LedgerKind.LISTING_REWARD,
                            "listing approved: " + command.reason());
                }
                tellUser(conversation, "✅ Your listing <b>" + escape(command.listingTitle()) + "</b> was approved"
                        + (credits.listingReward() > 0 ? " — you earned <b>" + Credits.format(credits.listingReward())
                        + "</b>. Balance: <b>" + Credits.format(conversation.account().balance()) + "</b>." : "."));
                return conversation.outcome();
            }
            case REFERRAL_JOINED -> {
                return referralJoined(conversation, target, command);
            }
            case REFERRAL_WELCOME -> {
                return referralWelcome(conversation, target, command);
            }
            case LISTING_REJECTED -> {
                tellUser(conversation, "Your listing <b>" + escape(command.listingTitle()) + "</b> was not approved. "
                        + "You are welcome to /submit another one.");
                return conversation.outcome();
            }
        }
        if (!command.reason().isBlank()) {
            details.put("reason", command.reason());
        }
        conversation.audit(command.actorId(), command.type().name().toLowerCase(), "user:" + user, details);
        return conversation.outcome();
    }

    /** The referrer's half, then the newcomer's: both or neither (an unqualified referrer ends it here). */
    private static Outcome referralJoined(Conversation conversation, Account referrer, AccountCommand command) {
        if (!ReferralRules.referrerEarns(referrer)) {
            return Outcome.nothing();
        }
        conversation.update(referrer.withReferral());
        if (command.amount() > 0) {
            conversation.credit(command.amount(), LedgerKind.REFERRAL, "invited user " + command.actorId());
        }
        tellUser(conversation, "🎉 Someone joined with your invitation"
                + (command.amount() > 0 ? ": you earned <b>" + Credits.format(command.amount()) + "</b>. Balance: <b>"
                + Credits.format(conversation.account().balance()) + "</b>." : ".")
                + " Joined so far: <b>" + conversation.account().referrals() + "</b>.");
        conversation.command(new AccountCommand(conversation.nextCommandId(), command.actorId(),
                AccountCommandType.REFERRAL_WELCOME, command.amount(), "", referrer.userId(), 0, null, command.at()));
        return conversation.outcome();
    }

    private static Outcome referralWelcome(Conversation conversation, Account newcomer, AccountCommand command) {
        if (!ReferralRules.newcomerEarns(newcomer) || command.amount() <= 0) {
            return Outcome.nothing();
        }
        conversation.credit(command.amount(), LedgerKind.REFERRAL, "invited by user " + command.actorId());
        tellUser(conversation, "🎁 You joined with an invitation: <b>" + Credits.format(command.amount())
                + "</b> added. Balance: <b>" + Credits.format(conversation.account().balance()) + "</b>.");
        return conversation.outcome();
    }

    private Outcome unknownUser(AccountCommand command) {
        Conversation conversation = new Conversation(command.commandId(), command.replyChatId(), null,
                null, false, command.at());
        if (command.replyChatId() != 0) {
            conversation.sendTo(command.replyChatId(), "User " + command.targetUserId()
                    + " has not started the bot, so there is no account to change.", null);
        }
        Outcome outcome = conversation.outcomeWithoutAccount();
        return outcome;
    }

    private static void tellAdmin(Conversation conversation, AccountCommand command, String text) {
        if (command.replyChatId() != 0) {
            conversation.sendTo(command.replyChatId(), text, null);
        }
    }

    private static void tellUser(Conversation conversation, String html) {
        if (!conversation.account().profile().blocked()) {
            conversation.sendTo(conversation.account().userId(), html, null);
        }
    }

    private static String reasonOr(AccountCommand command, String fallback) {
        return command.reason() == null || command.reason().isBlank() ? fallback : command.reason();
    }

    private static String reasonSuffix(AccountCommand command) {
        return command.reason() == null || command.reason().isBlank() ? "" : " (" + escape(command.reason()) + ")";
    }
}
