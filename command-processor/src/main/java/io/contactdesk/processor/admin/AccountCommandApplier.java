package io.contactdesk.processor.admin;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.commands.Conversation;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.commands.ReviewCard;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
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
        Texts admin = Texts.in(command.replyIn());
        Texts told = Texts.in(conversation.language());
        switch (command.type()) {
            case GRANT -> {
                conversation.credit(command.amount(), LedgerKind.GRANT, reasonOr(command, "granted by an admin"));
                details.put("amount", Long.toString(command.amount()));
                long balance = conversation.account().balance();
                tellAdmin(conversation, command, admin.get("admin.granted", admin.credits(command.amount()), user,
                        admin.credits(balance)));
                tellUser(conversation, hasReason(command)
                        ? told.get("credits.received.because", told.credits(command.amount()), escape(command.reason()),
                                told.credits(balance))
                        : told.get("credits.received", told.credits(command.amount()), told.credits(balance)));
            }
            case REVOKE -> {
                // Never below zero: an admin revoking more than there is takes what there is.
                long taken = Math.min(command.amount(), target.balance());
                if (taken > 0) {
                    conversation.credit(-taken, LedgerKind.REVOKE, reasonOr(command, "revoked by an admin"));
                }
                details.put("amount", Long.toString(taken));
                details.put("requested", Long.toString(command.amount()));
                tellAdmin(conversation, command, admin.get(taken < command.amount() ? "admin.revoked.all" : "admin.revoked",
                        admin.credits(taken), user, admin.credits(conversation.account().balance())));
            }
            case BAN -> {
                conversation.update(target.withBan(true, command.at()));
                tellAdmin(conversation, command, admin.get("admin.banned", user));
            }
            case UNBAN -> {
                conversation.update(target.withBan(false, command.at()));
                tellAdmin(conversation, command, admin.get("admin.unbanned", user));
                tellUser(conversation, told.get("unbanned"));
            }
            case LISTING_APPROVED -> {
                if (credits.listingReward() > 0) {
                    conversation.credit(credits.listingReward(), LedgerKind.LISTING_REWARD,
                            "listing approved: " + command.reason());
                }
                tellUser(conversation, credits.listingReward() > 0
                        ? told.get("listing.approved.paid", escape(command.listingTitle()),
                                told.credits(credits.listingReward()), told.credits(conversation.account().balance()))
                        : told.get("listing.approved", escape(command.listingTitle())));
                return conversation.outcome();
            }
            case REFERRAL_JOINED -> {
                return referralJoined(conversation, target, command, told);
            }
            case REFERRAL_WELCOME -> {
                return referralWelcome(conversation, target, command, told);
            }
            case LISTING_REJECTED -> {
                tellUser(conversation, told.get("listing.rejected", escape(command.listingTitle())));
                return conversation.outcome();
            }
            case REVIEW_REQUESTED -> {
                // Whether or not the admin blocked the bot, as the card always was: reviewing is their job.
                ReviewCard.send(conversation, user, conversation.language(), command);
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
    private static Outcome referralJoined(Conversation conversation, Account referrer, AccountCommand command,
            Texts told) {
        if (!ReferralRules.referrerEarns(referrer)) {
            return Outcome.nothing();
        }
        conversation.update(referrer.withReferral());
        if (command.amount() > 0) {
            conversation.credit(command.amount(), LedgerKind.REFERRAL, "invited user " + command.actorId());
        }
        long joined = conversation.account().referrals();
        tellUser(conversation, command.amount() > 0
                ? told.get("referral.joined.paid", told.credits(command.amount()),
                        told.credits(conversation.account().balance()), joined)
                : told.get("referral.joined", joined));
        conversation.command(new AccountCommand(conversation.nextCommandId(), command.actorId(),
                AccountCommandType.REFERRAL_WELCOME, command.amount(), "", referrer.userId(), 0, null, command.at(),
                null, null));
        return conversation.outcome();
    }

    private static Outcome referralWelcome(Conversation conversation, Account newcomer, AccountCommand command,
            Texts told) {
        if (!ReferralRules.newcomerEarns(newcomer) || command.amount() <= 0) {
            return Outcome.nothing();
        }
        conversation.credit(command.amount(), LedgerKind.REFERRAL, "invited by user " + command.actorId());
        tellUser(conversation, told.get("referral.welcome", told.credits(command.amount()),
                told.credits(conversation.account().balance())));
        return conversation.outcome();
    }

    private Outcome unknownUser(AccountCommand command) {
        Conversation conversation = new Conversation(command.commandId(), command.replyChatId(), null,
                null, false, command.at());
        if (command.type() == AccountCommandType.REVIEW_REQUESTED) {
            // An admin who never started the bot still reviews; with no account, there is no language but English.
            ReviewCard.send(conversation, command.targetUserId(), Language.FALLBACK, command);
        } else if (command.replyChatId() != 0) {
            conversation.sendTo(command.replyChatId(), Texts.in(command.replyIn()).get("admin.unknown.user",
                    command.targetUserId()), null);
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

    private static boolean hasReason(AccountCommand command) {
        return command.reason() != null && !command.reason().isBlank();
    }
}
