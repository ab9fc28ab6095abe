package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.FormattedText;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.payments.Payments;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Payments in Telegram Stars: invoices, the answer to a pre-checkout query, refunds and the bot's Star transactions.
 * The published spec checks the parameters' types first ({@link RequestValidation}); these are the rules the spec
 * states in words: currency {@code XTR} with an empty {@code provider_token} and exactly one price, a payload of 1–128
 * bytes, a title of 1–32 and a description of 1–255 characters. The sandbox has no payment providers, so any other
 * currency is refused.
 */
final class PaymentMethods {

    private static final String STARS = "XTR";

    private final ChatStore chats;
    private final TelegramFloodLimiter flood;
    private final TelegramObjects objects;
    private final Payments payments;

    PaymentMethods(ChatStore chats, TelegramFloodLimiter flood, TelegramObjects objects, Payments payments) {
        this.chats = chats;
        this.flood = flood;
        this.objects = objects;
        this.payments = payments;
    }

    Map<String, BotMethod> methods() {
        Map<String, BotMethod> methods = new LinkedHashMap<>();
        methods.put("sendInvoice", this::sendInvoice);
        methods.put("answerPreCheckoutQuery", this::answerPreCheckoutQuery);
        methods.put("refundStarPayment", this::refundStarPayment);
        methods.put("getStarTransactions", this::getStarTransactions);
        return methods;
    }

    private JsonNode sendInvoice(Params params) {
        long chatId = params.chatId();
        String title = params.string("title");
        String description = params.string("description");
        String payload = params.string("payload");
        String currency = params.string("currency");
        if (!STARS.equals(currency)) {
            throw BotApiErrorAnswer.badRequest("CURRENCY_INVALID: only Telegram Stars (XTR) without a provider");
        }
        String providerToken = params.string("provider_token");
        if (providerToken != null && !providerToken.isEmpty()) {
            throw BotApiErrorAnswer.badRequest("PAYMENT_PROVIDER_INVALID: provider_token must be empty for XTR");
        }
        lengthWithin("title", title == null ? 0 : title.length(), 32, "INVOICE_TITLE_INVALID");
        lengthWithin("description", description == null ? 0 : description.length(), 255,
                "INVOICE_DESCRIPTION_INVALID");
        lengthWithin("payload", payload == null ? 0 : payload.getBytes(StandardCharsets.UTF_8).length, 128,
                "INVOICE_PAYLOAD_INVALID");
        JsonNode prices = params.json("prices", "can't parse prices JSON object");
        if (prices == null || !prices.isArray() || prices.size() != 1) {
            throw BotApiErrorAnswer.badRequest("STARS_INVOICE_INVALID: an invoice in XTR has exactly one price");
        }
        long amount = prices.get(0).path("amount").asLong();
        if (amount < 1 || amount > 10_000) {
            throw BotApiErrorAnswer.badRequest("STARS_INVOICE_INVALID: the price must be 1 to 10000 Stars");
        }
        // telegrambots sends "suggested_tip_amounts": [] on every invoice: only a tip actually offered is refused.
        Long maxTip = params.optionalLong("max_tip_amount");
        JsonNode tips = params.json("suggested_tip_amounts", "can't parse suggested_tip_amounts JSON object");
        if ((maxTip != null && maxTip > 0) || (tips != null && !tips.isEmpty())) {
            throw BotApiErrorAnswer.badRequest("STARS_INVOICE_INVALID: no tips in XTR");
        }
        chats.reachable(chatId);
        OptionalLong retryAfter = flood.acquire(chatId);
        if (retryAfter.isPresent()) {
            throw BotApiErrorAnswer.tooManyRequests(retryAfter.getAsLong());
        }
        // The chat shows the invoice as the title and description with a Pay button, as Telegram's apps do.
        ObjectNode pay = Mapper.object();
        pay.putArray("inline_keyboard").addArray().addObject().put("text", "Pay ⭐" + amount).put("pay", true);
        String text = title + "\n" + description;
        SentMessage sent = chats.send(chatId, new FormattedText(text, null, text), pay);
        Payments.Invoice invoice = new Payments.Invoice(chatId, sent.messageId(), title, description, payload,
                currency, amount);
        payments.invoiceSent(invoice);
        return objects.invoiceMessage(sent, chats.chat(chatId), invoice);
    }

    private JsonNode answerPreCheckoutQuery(Params params) {
        boolean ok = params.bool("ok");
        String error = params.string("error_message");
        if (!ok && (error == null || error.isBlank())) {
            throw BotApiErrorAnswer.badRequest("error_message is required when ok is False");
        }
        if (!payments.answer(params.string("pre_checkout_query_id"),
                new Payments.PreCheckoutAnswer(ok, ok ? null : error))) {
            throw BotApiErrorAnswer.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        return BooleanNode.TRUE;
    }

    private JsonNode refundStarPayment(Params params) {
        long userId = params.requiredLong("user_id");
        return switch (payments.refund(userId, params.string("telegram_payment_charge_id"))) {
            case REFUNDED -> BooleanNode.TRUE;
            case NOT_FOUND -> throw BotApiErrorAnswer.badRequest("CHARGE_NOT_FOUND");
            case ALREADY_REFUNDED -> throw BotApiErrorAnswer.badRequest("CHARGE_ALREADY_REFUNDED");
        };
    }

    private JsonNode getStarTransactions(Params params) {
        Long offset = params.optionalLong("offset");
        Long limit = params.optionalLong("limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw BotApiErrorAnswer.badRequest("limit must be between 1 and 100");
        }
        ObjectNode result = Mapper.object();
        ArrayNode list = result.putArray("transactions");
        payments.transactions(offset == null ? 0 : (int) Math.max(0, offset), limit == null ? 100 : limit.intValue())
                .forEach(transaction -> list.add(objects.starTransaction(transaction, chats.user(
                        transaction.charge().userId()))));
        return result;
    }

    private static void lengthWithin(String name, int length, int max, String error) {
        if (length < 1 || length > max) {
            throw BotApiErrorAnswer.badRequest(error + ": " + name + " must be 1 to " + max
                    + (name.equals("payload") ? " bytes" : " characters"));
        }
    }
}
