package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.ratelimit.RateLimiter;
import io.contactdesk.processor.referrals.ReferralRules;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.MembershipUpdate;
import io.contactdesk.processor.updates.PreCheckoutQuery;
import io.contactdesk.processor.updates.SuccessfulPayment;
import io.contactdesk.processor.updates.UserText;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bot's behaviour for one update, without Kafka: given the user's account (null for someone new), the task's
 * state and the update, what to store and what to say. The topology calls it; unit tests call it directly.
 */
public final class CommandRouter {

    private final BotRules rules;
    private final DirectoryFlows directory;
    private final SubmitFlow submit;
    private final AdminFlows admin;
    private final BroadcastFlow broadcast = new BroadcastFlow();
    private final MembershipFlow membership;
    private final ForgetFlow forget = new ForgetFlow();
    private final PaymentFlow payments;

    public CommandRouter(BotRules rules) {
        this.rules = rules;
        this.directory = new DirectoryFlows(rules);
        this.submit = new SubmitFlow(rules);
        this.admin = new AdminFlows(rules);
        this.membership = new MembershipFlow(rules);
        this.payments = new PaymentFlow(rules);
    }

    public BotRules rules() {
        return rules;
    }

    public Outcome handle(BotState state, Account stored, IncomingUpdate update, Instant now) {
        // Unlocks of a re-keyed listing follow it to its new id, so what the user paid for stays theirs.
        Account known = stored == null ? null : stored.withUnlockedMoved(state.directory()::current);
        boolean isAdmin = rules.isAdmin(update.from().userId());
        Account account = known == null
                ? Account.register(update.from(), isAdmin, now)
                : known.seenAs(update.from(), isAdmin, now);
        Conversation conversation = new Conversation(update.causeId(), update.chatId(), known, account, known == null, now);
        if (account.banned()) {
            // One notice, then silence: a banned user cannot make the bot talk.
            if (!account.banNoticeSent()) {
                conversation.reply(conversation.texts().banned());
                conversation.update(account.withBanNoticeSent());
            }
            return conversation.outcome();
        }
        if (!isAdmin && !withinRateLimit(conversation, state, update)) {
            return conversation.outcome();
        }
        if (update.isCallback()) {
            callback(conversation, state, update, isAdmin);
        } else {
            message(conversation, state, update, isAdmin);
        }
        return conversation.outcome();
    }

    /**
     * The user blocked or unblocked the bot ({@code my_chat_member} in their private chat); empty when there is
     * nothing to record: no account, or no change.
     */
    public Optional<Outcome> membership(BotState state, Account known, MembershipUpdate change, Instant now) {
        return membership.changed(state, known, change, now);
    }

    /**
     * {@code pre_checkout_query}: answered whatever the rate limit (Telegram charges nothing until it is answered, and
     * cancels the payment after 10 s), with nothing stored.
     */
    public Outcome preCheckout(Account known, PreCheckoutQuery query, Instant now) {
        return payments.preCheckout(known, query, now);
    }

    /**
     * {@code successful_payment}: credited whatever the rate limit or a ban (the user has paid), once per charge id;
     * empty for a charge {@code byCharge} already knows.
     */
    public Optional<Outcome> paid(Account known, Function<String, StarPayment> byCharge, SuccessfulPayment payment,
            Instant now) {
        return payments.paid(known, byCharge, payment, now);
    }

    private boolean withinRateLimit(Conversation conversation, BotState state, IncomingUpdate update) {
        long user = update.from().userId();
        RateLimiter.RateCheck decision = rules.rateLimiter().decide(state.rateWindows().get(user), conversation.now());
        state.rateWindows().put(user, decision.window());
        switch (decision.verdict()) {
            case ALLOW -> {
                return true;
            }
            case WARN -> {
                String text = conversation.texts().slowDown(decision.retryAfterSeconds());
                if (update.isCallback()) {
                    conversation.answerCallback(update.callbackQueryId(), text);
                } else {
                    conversation.reply(text);
                }
            }
            case DROP -> {
                // Silently: answering every excess update would let one user flood the bot's own sending.
            }
        }
        conversation.rateLimited();
        return false;
    }

    private void message(Conversation conversation, BotState state, IncomingUpdate update, boolean isAdmin) {
        String command = update.command();
        DirectoryFlows.Screen screen = new DirectoryFlows.Screen(conversation, update);
        if (command == null) {
            if (!submit.answer(conversation, state, update.text() == null ? "" : update.text())) {
                conversation.reply(conversation.texts().unknown());
            }
            return;
        }
        switch (command) {
            case "start" -> start(conversation, update.commandArguments());
            case "invite" -> conversation.reply(conversation.texts().invite(rules.referrals().link(conversation.account().userId()),
                    rules.credits().referralBonus(), conversation.account().referrals()));
            case "help" -> conversation.reply(conversation.texts().help() + (isAdmin ? conversation.texts().adminHelp() : ""));
            case "privacy" -> conversation.reply(conversation.texts().privacy());
            case "language" -> language(conversation, update.commandArguments());
            case "buy" -> payments.offer(conversation);
            case "paysupport" -> conversation.reply(conversation.texts().paySupport());
            case "terms" -> conversation.reply(conversation.texts().terms());
            case "forgetme" -> {
                if (ForgetFlow.CONFIRM_ARGUMENT.equalsIgnoreCase(update.commandArguments().trim())) {
                    forget.forget(screen, state);
                } else {
                    forget.ask(screen);
                }
            }
            case "balance" -> conversation.reply(conversation.texts().balance(conversation.account().balance()));
            case "browse" -> directory.categories(screen);
            case "search" -> {
                String words = UserText.clean(update.commandArguments(), false);
                if (words.length() > 100) {
                    words = UserText.truncate(words, 100);
                }
                if (!words.isBlank()) {
                    conversation.update(conversation.account().withLastSearch(words));
                }
                directory.search(screen, state, words, 1);
            }
            case "view" -> directory.view(screen, state, update.commandArguments());
            case "unlocked" -> directory.unlocked(screen, state, 1);
            case "history" -> directory.history(screen, state, 1);
            case "submit" -> submit.start(conversation, state, update, false);
            case "cancel" -> {
                if (!submit.cancel(conversation, state)) {
                    conversation.reply(conversation.texts().nothingToCancel());
                }
            }
            default -> adminCommand(conversation, state, update, command, isAdmin);
        }
    }

    /** Admin commands from anyone else answer exactly like an unknown command: their existence is not revealed. */
    private void adminCommand(Conversation conversation, BotState state, IncomingUpdate update, String command, boolean isAdmin) {
        if (!isAdmin) {
            conversation.reply(conversation.texts().unknown());
            return;
        }
        switch (command) {
            case "addlisting" -> submit.start(conversation, state, update, true);
            case "grant" -> admin.changeCredits(conversation, update, AccountCommandType.GRANT);
            case "revoke" -> admin.changeCredits(conversation, update, AccountCommandType.REVOKE);
            case "ban" -> admin.changeBan(conversation, update, AccountCommandType.BAN);
            case "unban" -> admin.changeBan(conversation, update, AccountCommandType.UNBAN);
            case "stats" -> admin.stats(conversation, state);
            case "refund" -> admin.refund(conversation, update);
            // Answered by the ops console, which watches heartbeats and lag live: the processor only forwards.
            case "health" -> conversation.requestReport(OpsReportRequested.Report.HEALTH);
            case "lag" -> conversation.requestReport(OpsReportRequested.Report.LAG);
            case "broadcast" -> broadcast.draft(conversation, state, update);
            case "broadcast_cancel" -> broadcast.cancel(conversation, state);
            default -> conversation.reply(conversation.texts().unknown());
        }
    }

    private void callback(Conversation conversation, BotState state, IncomingUpdate update, boolean isAdmin) {
        Optional<CallbackAction> parsed = CallbackAction.parse(update.callbackData());
        if (parsed.isEmpty()) {
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().buttonExpired());
            return;
        }
        DirectoryFlows.Screen screen = new DirectoryFlows.Screen(conversation, update);
        CallbackAction action = parsed.get();
        // Java 17: no pattern switch yet, so the sealed actions are told apart one by one.
        if (action instanceof CallbackAction.ShowCategories) {
            directory.categories(screen);
        } else if (action instanceof CallbackAction.CategoryPage page) {
            directory.category(screen, state, page.category(), page.page());
        } else if (action instanceof CallbackAction.SearchPage page) {
            String words = conversation.account().lastSearch();
            if (words == null) {
                screen.refuse(conversation.texts().buttonExpired());
            } else {
                directory.search(screen, state, words, page.page());
            }
        } else if (action instanceof CallbackAction.View view) {
            directory.view(screen, state, view.listingId());
        } else if (action instanceof CallbackAction.Unlock unlock) {
            directory.unlock(screen, state, unlock.listingId());
        } else if (action instanceof CallbackAction.UnlockedPage page) {
            directory.unlocked(screen, state, page.page());
        } else if (action instanceof CallbackAction.HistoryPage page) {
            directory.history(screen, state, page.page());
        } else if (action instanceof CallbackAction.SubmitCategory || action instanceof CallbackAction.SubmitConfirm) {
            submit.tapped(conversation, state, update, action);
        } else if (action instanceof CallbackAction.BroadcastConfirm tap && isAdmin) {
            broadcast.tapped(conversation, state, update, tap);
        } else if (action instanceof CallbackAction.Moderate moderate && isAdmin) {
            admin.moderate(conversation, state, update, moderate);
        } else if (action instanceof CallbackAction.Forget tap) {
            forget.tapped(screen, state, tap);
        } else if (action instanceof CallbackAction.ChooseLanguage choice) {
            languageTapped(conversation, update, choice.code());
        } else if (action instanceof CallbackAction.Buy buy) {
            payments.invoice(conversation, update, buy.packId());
        } else if (action instanceof CallbackAction.Nothing) {
            conversation.answerCallback(update.callbackQueryId(), null);
        } else {
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().buttonExpired());
        }
    }

    /** {@code /start}, or {@code /start <payload>} from a deep link: {@code ref_<code>} is an invitation. */
    private void start(Conversation conversation, String argument) {
        Account account = conversation.account();
        // Only the referrer's task knows whether they qualify, so the bonus travels there first (ReferralRules).
        ReferralRules.referrer(rules.referrals(), conversation.isNewUser(), account.userId(), argument)
                .ifPresent(referrer -> conversation.command(new AccountCommand(conversation.nextCommandId(), referrer,
                        AccountCommandType.REFERRAL_JOINED, rules.credits().referralBonus(), "", account.userId(), 0,
                        null, conversation.now(), null, null)));
        if (account.signupBonusGranted()) {
            conversation.reply(conversation.texts().welcomeBack(account.profile().firstName(), account.balance()));
            return;
        }
        conversation.update(account.withSignupBonusGranted());
        if (rules.credits().signupBonus() > 0) {
            conversation.credit(rules.credits().signupBonus(), LedgerKind.SIGNUP_BONUS, "signup bonus");
        }
        conversation.reply(conversation.texts().welcome(account.profile().firstName(), conversation.account().balance()));
    }

    /**
     * {@code /language}: the choice, a button per language and the commands that do the same; {@code /language es}
     * chooses, in the new language's words.
     */
    private void language(Conversation conversation, String argument) {
        Optional<Language> chosen = Language.of(argument);
        if (chosen.isEmpty()) {
            Replies replies = conversation.texts();
            Keyboards keyboard = Keyboards.create();
            for (Language each : Language.values()) {
                keyboard.row(Keyboards.button(replies.languageButton(each), CallbackAction.chooseLanguage(each)));
            }
            conversation.reply(replies.languageChoice(), keyboard.build());
            return;
        }
        conversation.update(conversation.account().withLanguage(chosen.get().code()));
        conversation.reply(conversation.texts().languageSet());
    }

    /** A language's button: chosen, the tap answered, and the message says so in the new language (buttons gone). */
    private void languageTapped(Conversation conversation, IncomingUpdate tap, String code) {
        Optional<Language> chosen = Language.of(code);
        if (chosen.isEmpty()) {
            conversation.answerCallback(tap.callbackQueryId(), conversation.texts().buttonExpired());
            return;
        }
        conversation.update(conversation.account().withLanguage(chosen.get().code()));
        conversation.answerCallback(tap.callbackQueryId(), null);
        conversation.edit(tap.messageId(), conversation.texts().languageSet(), null);
    }
}
