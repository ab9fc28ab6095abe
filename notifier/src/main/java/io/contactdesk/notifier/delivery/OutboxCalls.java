package io.contactdesk.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.json.Json;
import java.io.Serializable;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerPreCheckoutQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.invoices.SendInvoice;
import org.telegram.telegrambots.meta.api.methods.payments.RefundStarPayment;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;

/**
 * Outbox calls as telegrambots method objects. The outbox params carry Bot API names, which are the JSON
 * names of telegrambots' classes, so Jackson maps every parameter the processor may add without code here.
 * Texts stay as given: they are Telegram HTML with user fragments already escaped by the processor.
 */
final class OutboxCalls {

    private static final ObjectMapper MAPPER = Json.mapper();
    // As the processor spells it (telegrambots' ParseMode.HTML is "html").
    private static final String HTML = "HTML";

    private OutboxCalls() {
    }

    static BotApiMethod<? extends Serializable> toMethod(OutboxMessage message) {
        Class<? extends BotApiMethod<? extends Serializable>> type = switch (message.method()) {
            case OutboxMessage.SEND_MESSAGE -> SendMessage.class;
            case OutboxMessage.EDIT_MESSAGE_TEXT -> EditMessageText.class;
            case OutboxMessage.ANSWER_CALLBACK_QUERY -> AnswerCallbackQuery.class;
            case OutboxMessage.SEND_INVOICE -> SendInvoice.class;
            case OutboxMessage.ANSWER_PRE_CHECKOUT_QUERY -> AnswerPreCheckoutQuery.class;
            case OutboxMessage.REFUND_STAR_PAYMENT -> RefundStarPayment.class;
            default -> throw new InvalidCallException("unsupported Bot API method '" + message.method() + "'");
        };
        BotApiMethod<? extends Serializable> call;
        try {
            call = MAPPER.convertValue(message.params(), type);
        } catch (IllegalArgumentException e) {
            throw new InvalidCallException("params do not make a " + message.method() + " call: " + e.getMessage());
        }
        // The contract says outbox texts are HTML: without the mode, users would see the tags.
        if (call instanceof SendMessage send && send.getParseMode() == null) {
            send.setParseMode(HTML);
        } else if (call instanceof EditMessageText edit && edit.getParseMode() == null) {
            edit.setParseMode(HTML);
        }
        return call;
    }

    /** An outbox record that names no call the notifier can make. */
    static final class InvalidCallException extends RuntimeException {

        InvalidCallException(String message) {
            super(message);
        }
    }
}
