package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Bot API call the notifier performs, with Bot API parameter names. Texts are Telegram HTML
 * composed by the processor, with every user-supplied fragment already escaped.
 *
 * @param outboxId deterministic id derived from the cause, so a retried send is recognisable
 * @param causeId the event that led to this call (e.g. {@code update:17})
 */
public record OutboxMessage(
        String outboxId,
        long chatId,
        String method,
        Map<String, Object> params,
        String causeId,
        Instant requestedAt) {

    public static final String SEND_MESSAGE = "sendMessage";
    public static final String EDIT_MESSAGE_TEXT = "editMessageText";
    public static final String ANSWER_CALLBACK_QUERY = "answerCallbackQuery";
    public static final String SEND_INVOICE = "sendInvoice";
    public static final String ANSWER_PRE_CHECKOUT_QUERY = "answerPreCheckoutQuery";
    public static final String REFUND_STAR_PAYMENT = "refundStarPayment";
    /** Telegram Stars: the one currency for digital goods, paid without a payment provider. */
    public static final String STARS = "XTR";

    /**
     * A message that reveals a listing's contact carries it sealed: {@code text} holds {@link #CONTACT_PLACEHOLDER}
     * and the params {@link #SEALED_CONTACT} and {@link #CONTACT_LISTING_ID}. Only the notifier opens the envelope,
     * replaces the placeholder with the escaped contact and drops both params before calling the Bot API.
     */
    public static final String CONTACT_PLACEHOLDER = "{{contact}}";
    public static final String SEALED_CONTACT = "sealed_contact";
    public static final String CONTACT_LISTING_ID = "contact_listing_id";

    public OutboxMessage {
        Objects.requireNonNull(outboxId, "outboxId");
        Objects.requireNonNull(method, "method");
        params = params == null ? Map.of() : params;
    }

    public static OutboxMessage sendMessage(
            String outboxId, long chatId, String html, InlineKeyboard keyboard, String causeId, Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("text", html);
        params.put("parse_mode", "HTML");
        if (keyboard != null) {
            params.put("reply_markup", keyboard);
        }
        return new OutboxMessage(outboxId, chatId, SEND_MESSAGE, params, causeId, at);
    }

    public static OutboxMessage editMessageText(
            String outboxId, long chatId, long messageId, String html, InlineKeyboard keyboard, String causeId,
            Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("message_id", messageId);
        params.put("text", html);
        params.put("parse_mode", "HTML");
        if (keyboard != null) {
            params.put("reply_markup", keyboard);
        }
        return new OutboxMessage(outboxId, chatId, EDIT_MESSAGE_TEXT, params, causeId, at);
    }

    /** The same call with a sealed contact to reveal in place of {@link #CONTACT_PLACEHOLDER}. */
    public OutboxMessage revealing(String sealedContact, String listingId) {
        Map<String, Object> withContact = new LinkedHashMap<>(params);
        withContact.put(SEALED_CONTACT, sealedContact);
        withContact.put(CONTACT_LISTING_ID, listingId);
        return new OutboxMessage(outboxId, chatId, method, withContact, causeId, requestedAt);
    }

    /** The same call with one more parameter, e.g. a broadcast id the notifier reports progress by. */
    public OutboxMessage withParam(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(params);
        more.put(name, value);
        return new OutboxMessage(outboxId, chatId, method, more, causeId, requestedAt);
    }

    public boolean revealsContact() {
        return params.containsKey(SEALED_CONTACT);
    }

    public static OutboxMessage answerCallbackQuery(
            String outboxId, long chatId, String callbackQueryId, String text, String causeId, Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("callback_query_id", callbackQueryId);
        if (text != null) {
            params.put("text", text);
        }
        return new OutboxMessage(outboxId, chatId, ANSWER_CALLBACK_QUERY, params, causeId, at);
    }

    /**
     * An invoice in Telegram Stars: currency {@link #STARS}, an empty {@code provider_token} and exactly one price, as
     * Telegram requires for digital goods.
     */
    public static OutboxMessage sendInvoice(String outboxId, long chatId, String title, String description,
            String payload, String label, long stars, String causeId, Instant at) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("label", label);
        price.put("amount", stars);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("title", title);
        params.put("description", description);
        params.put("payload", payload);
        params.put("provider_token", "");
        params.put("currency", STARS);
        params.put("prices", List.of(price));
        return new OutboxMessage(outboxId, chatId, SEND_INVOICE, params, causeId, at);
    }

    /** Gives the stars of a payment back to the user; its outcome comes back as a {@link DeliveryReport}. */
    public static OutboxMessage refundStarPayment(String outboxId, long userId, String chargeId, String causeId,
            Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("user_id", userId);
        params.put("telegram_payment_charge_id", chargeId);
        return new OutboxMessage(outboxId, userId, REFUND_STAR_PAYMENT, params, causeId, at);
    }

    /** Telegram waits at most 10 s for it: it travels on {@code tg.outbox.priority}. {@code error} only when refused. */
    public static OutboxMessage answerPreCheckoutQuery(String outboxId, long chatId, String queryId, boolean ok,
            String error, String causeId, Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pre_checkout_query_id", queryId);
        params.put("ok", ok);
        if (!ok) {
            params.put("error_message", error);
        }
        return new OutboxMessage(outboxId, chatId, ANSWER_PRE_CHECKOUT_QUERY, params, causeId, at);
    }
}
