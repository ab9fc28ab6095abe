package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.Set;

/**
 * The bot's behaviour for one update, without Kafka: given the user's account (null for someone new) and the
 * update, what to store and what to say. The topology calls it; unit tests call it directly.
 */
public final class CommandRouter {

    private final CreditRules credits;
    private final Set<Long> admins;
    private final Replies replies = new Replies();

    public CommandRouter(CreditRules credits, Set<Long> admins) {
        this.credits = credits;
        this.admins = Set.copyOf(admins);
    }

    public Outcome handle(Account known, IncomingUpdate update, Instant now) {
        boolean admin = admins.contains(update.from().userId());
        Account account = known == null
                ? Account.register(update.from(), admin, now)
                : known.seenAs(update.from(), admin, now);
        Conversation conversation = new Conversation(update, account, account != known, now);
        if (update.isCallback()) {
            conversation.answerCallback(replies.buttonExpired());
        } else {
            command(conversation, update.command());
        }
        return conversation.outcome();
    }

    private void command(Conversation conversation, String command) {
        if (command == null) {
            conversation.reply(replies.hint());
            return;
        }
        switch (command) {
            case "start" -> start(conversation);
            case "help" -> conversation.reply(replies.help());
            case "balance" -> conversation.reply(replies.balance(conversation.account().balance()));
            default -> conversation.reply(replies.unknownCommand());
        }
    }

    private void start(Conversation conversation) {
        Account account = conversation.account();
        if (account.signupBonusGranted()) {
            conversation.reply(replies.welcomeBack(account.profile().firstName(), account.balance()));
            return;
        }
        conversation.update(account.withSignupBonusGranted());
        if (credits.signupBonus() > 0) {
            conversation.credit(credits.signupBonus(), LedgerKind.SIGNUP_BONUS, "signup bonus");
        }
        conversation.reply(replies.welcome(account.profile().firstName(), conversation.account().balance()));
    }
}
