package io.contactdesk.processor.commands;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.language.Texts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An admin's {@code /refund <charge_id>}, on the payer's task: Telegram gives the stars back first
 * ({@code refundStarPayment}); once it confirmed (a {@link DeliveryReport.Finding#REFUNDED} report), the credits the
 * payment gave are taken back, never below zero. Credits already spent cannot come back, so when the balance no longer
 * covers the pack the admin is shown how much was spent and must confirm the partial reversal.
 */
public final class PaymentRefundFlow {

    /** The task holding the charge answers the admin; empty when this task does not hold it. */
    public Outcome request(Account payer, StarPayment payment, AccountCommand command) {
        Conversation conversation = new Conversation(command.commandId(), payer.userId(), payer, payer, false,
                command.at());
        Texts admin = Texts.in(command.replyIn());
        String charge = escape(payment.chargeId());
        if (payment.isRefunded()) {
            tellAdmin(conversation, command, admin.get("refund.already", charge));
            return conversation.outcomeWithoutAccount();
        }
        long reversible = Math.min(payment.credits(), payer.balance());
        if (reversible < payment.credits() && command.amount() != 1) {
            tellAdmin(conversation, command, admin.get("refund.spent", payer.userId(),
                    admin.credits(payment.credits() - reversible), admin.credits(payment.credits()), payment.stars(),
                    admin.credits(reversible), charge));
            return conversation.outcomeWithoutAccount();
        }
        conversation.call(OutboxMessage.refundStarPayment(conversation.nextReplyIdForCall(), payer.userId(),
                payment.chargeId(), command.commandId(), command.at()));
        tellAdmin(conversation, command, admin.get("refund.refunding", payment.stars(), payer.userId(), charge));
        return conversation.outcomeWithoutAccount();
    }

    /**
     * This task's answer to the refund {@code command}: whether it holds the charge. It goes to the admin's task, where
     * the answers of all tasks are counted ({@link RefundLookup}).
     *
     * @param task this task's partition, so each task's answer has its own id
     */
    public Outcome lookedUp(AccountCommand command, int task, boolean holdsCharge) {
        Conversation conversation = new Conversation(command.commandId(), command.replyChatId(), null, null, false,
                command.at());
        conversation.command(new AccountCommand(EventIds.derived(command.commandId(), "looked-up", task),
                command.actorId(), AccountCommandType.REFUND_LOOKED_UP, holdsCharge ? 1 : 0, command.reason(),
                command.actorId(), command.replyChatId(), null, command.at(), command.replyLanguage(),
                null));
        return conversation.outcomeWithoutAccount();
    }

    /** Every task looked and none holds the charge: the admin learns it, once. */
    public Outcome unknownCharge(AccountCommand lastAnswer) {
        Conversation conversation = new Conversation(lastAnswer.commandId() + "/unknown", lastAnswer.replyChatId(),
                null, null, false, lastAnswer.at());
        tellAdmin(conversation, lastAnswer, Texts.in(lastAnswer.replyIn()).get("refund.unknown",
                escape(lastAnswer.reason())));
        return conversation.outcomeWithoutAccount();
    }

    /** Telegram gave the stars back: the credits go too, as far as they are unspent; audited; both sides told. */
    public Outcome refunded(Account payer, StarPayment payment, AccountCommand pending, DeliveryReport report) {
        Conversation conversation = new Conversation(pending.commandId() + "/refunded", payer.userId(), payer, payer,
                false, report.at());
        if (payment.isRefunded()) {
            return conversation.outcomeWithoutAccount();
        }
        long reversed = Math.min(payment.credits(), payer.balance());
        if (reversed > 0) {
            conversation.credit(-reversed, LedgerKind.PURCHASE_REFUND, "refund of " + payment.stars() + " stars");
        }
        conversation.paid(payment.refunded(report.at(), reversed));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("charge", payment.chargeId());
        details.put("stars", Long.toString(payment.stars()));
        details.put("credits", Long.toString(payment.credits()));
        details.put("creditsReversed", Long.toString(reversed));
        conversation.audit(pending.actorId(), "refund", "user:" + payer.userId(), details);
        if (!payer.profile().blocked()) {
            Replies told = conversation.texts();
            String balance = told.credits(conversation.account().balance());
            conversation.reply(reversed > 0
                    ? told.refundedToUser(payment.stars(), told.credits(reversed), balance)
                    : told.refundedToUser(payment.stars(), balance));
        }
        Texts admin = Texts.in(pending.replyIn());
        tellAdmin(conversation, pending, admin.get("refund.done", payment.stars(), payer.userId(),
                admin.credits(reversed), admin.credits(payment.credits())));
        return conversation.outcome();
    }

    /** Telegram refused the refund: nothing changes; the admin learns why. */
    public Outcome failed(Account payer, StarPayment payment, AccountCommand pending, DeliveryReport report) {
        Conversation conversation = new Conversation(pending.commandId() + "/refund-failed", payer.userId(), payer,
                payer, false, report.at());
        tellAdmin(conversation, pending, Texts.in(pending.replyIn()).get("refund.failed", escape(payment.chargeId()),
                escape(String.valueOf(report.description()))));
        return conversation.outcomeWithoutAccount();
    }

    private static void tellAdmin(Conversation conversation, AccountCommand command, String html) {
        if (command.replyChatId() != 0) {
            conversation.sendTo(command.replyChatId(), html, null);
        }
    }
}
