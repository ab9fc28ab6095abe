package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.credits.Credits;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.payments.CreditPack;
import io.contactdesk.processor.payments.InvoicePayload;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.PreCheckoutQuery;
import io.contactdesk.processor.updates.SuccessfulPayment;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying credits with Telegram Stars: {@code /buy} offers the packs, a tap sends the invoice, the pre-checkout is
 * accepted only for an invoice we signed for this user and not yet expired, and a successful payment credits the
 * pack once per {@code telegram_payment_charge_id}, however often it is delivered.
 */
final class PaymentFlow {

    private static final Logger log = LoggerFactory.getLogger(PaymentFlow.class);

    private final BotRules rules;

    PaymentFlow(BotRules rules) {
        this.rules = rules;
    }

    /** {@code /buy}: one button per pack, in the order of {@code CREDIT_PACKS}. */
    void offer(Conversation conversation) {
        Replies replies = conversation.texts();
        Keyboards keyboard = Keyboards.create();
        for (CreditPack pack : rules.packs().packs()) {
            keyboard.row(Keyboards.button(replies.packButton(pack.credits(), pack.stars()), CallbackAction.buy(pack.id())));
        }
        conversation.reply(replies.buyOffer(conversation.account().balance()), keyboard.build());
    }

    /** A pack's button: the invoice, its payload signed for this user. A pack no longer offered is refused. */
    void invoice(Conversation conversation, IncomingUpdate tap, String packId) {
        Optional<CreditPack> pack = rules.packs().byId(packId);
        if (pack.isEmpty()) {
            conversation.answerCallback(tap.callbackQueryId(), conversation.texts().buttonExpired());
            return;
        }
        conversation.answerCallback(tap.callbackQueryId(), null);
        long credits = pack.get().credits();
        String payload = rules.payloads().sign(pack.get(), tap.from().userId(), conversation.now(),
                conversation.causeId());
        Replies replies = conversation.texts();
        conversation.call(OutboxMessage.sendInvoice(conversation.nextReplyIdForCall(), conversation.chatId(),
                replies.credits(credits), replies.invoiceDescription(credits), payload, replies.credits(credits),
                pack.get().stars(), conversation.causeId(), conversation.now()));
    }

    /**
     * The answer Telegram waits for before charging: ok only for a payload we signed for this user, for exactly the
     * stars it names, unexpired, from a user who is not banned. Nothing is stored: the payment itself decides.
     */
    Outcome preCheckout(Account known, PreCheckoutQuery query, Instant now) {
        String refusal = refusal(known, query, now);
        Conversation conversation = new Conversation(query.ref().causeId(), query.from().userId(), known, known,
                false, now);
        conversation.call(OutboxMessage.answerPreCheckoutQuery(conversation.nextReplyIdForCall(),
                query.from().userId(), query.queryId(), refusal == null, refusal, conversation.causeId(), now));
        return conversation.outcomeWithoutAccount();
    }

    /** Why the payment is refused, in the payer's language (their app's when they have no account), or null. */
    private String refusal(Account known, PreCheckoutQuery query, Instant now) {
        Replies replies = Replies.in(known == null ? Language.forUser(null, query.from().languageCode())
                : Language.forUser(known.language(), known.profile().languageCode()));
        if (known != null && known.banned()) {
            return replies.preCheckoutRefused("precheckout.banned");
        }
        Optional<InvoicePayload.Refusal> refused = rules.payloads().check(query.payload(), query.from().userId(),
                query.currency(), query.totalAmount(), now);
        if (refused.isEmpty()) {
            return known == null ? replies.preCheckoutRefused("precheckout.start.first") : null;
        }
        return switch (refused.get()) {
            case EXPIRED -> replies.preCheckoutRefused("precheckout.expired");
            case FORGED, OTHER_USER, WRONG_AMOUNT -> replies.preCheckoutRefused("precheckout.invalid");
        };
    }

    /**
     * Telegram charged the user: credit the pack the signed payload names, once per charge id. Empty when this charge
     * was credited before (a redelivery or a replay). A payment whose payload we cannot read (it passed no
     * pre-checkout of ours) is kept with 0 credits and reported to the admins, who may refund it.
     */
    Optional<Outcome> paid(Account known, Function<String, StarPayment> byCharge, SuccessfulPayment payment,
            Instant now) {
        if (byCharge.apply(payment.chargeId()) != null) {
            return Optional.empty();
        }
        long userId = payment.from().userId();
        boolean admin = rules.isAdmin(userId);
        Account account = known == null ? Account.register(payment.from(), admin, now)
                : known.seenAs(payment.from(), admin, now);
        Conversation conversation = new Conversation(payment.ref().causeId(), userId, known, account, known == null,
                now);
        Optional<CreditPack> pack = rules.payloads().read(payment.payload())
                .filter(claim -> claim.userId() == userId && claim.pack().stars() == payment.totalAmount()
                        && OutboxMessage.STARS.equals(payment.currency()))
                .map(InvoicePayload.Claim::pack);
        if (pack.isEmpty()) {
            log.error("payment {} of user {}: {} {} for a payload that is not ours; no credits given, refund it with "
                    + "/refund", payment.chargeId(), userId, payment.totalAmount(), payment.currency());
            conversation.paid(StarPayment.paid(payment.chargeId(), userId, payment.totalAmount(), 0, null,
                    conversation.causeId(), now));
            conversation.reply(conversation.texts().text("buy.unmatched"));
            return Optional.of(conversation.outcome());
        }
        long credits = pack.get().credits();
        LedgerEntry entry = conversation.credit(credits, LedgerKind.PURCHASE,
                "bought " + Credits.format(credits) + " for " + payment.totalAmount() + " stars");
        conversation.paid(StarPayment.paid(payment.chargeId(), userId, payment.totalAmount(), credits,
                entry.entryId(), conversation.causeId(), now));
        conversation.reply(conversation.texts().purchased(credits, conversation.account().balance()));
        return Optional.of(conversation.outcome());
    }
}
