package io.contactdesk.notifier.telegram;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * A call whose answer is read only for whether Telegram accepted it: the request is the wrapped call's, byte for byte,
 * and a refusal is read by the wrapped call (telegrambots' {@link TelegramApiRequestException}, with its error code
 * and {@code retry_after}), but an accepted call's {@code result} is skipped, not bound. A reply's delivery needs no
 * more, and binding the sent {@code Message} through telegrambots' builders was a fifth of the notifier's CPU in the
 * benchmark (docs/performance.md, "Where the CPU goes").
 */
public final class ResultUnreadCall extends BotApiMethod<Boolean> {

    private static final JsonFactory JSON = new JsonFactory();

    private final BotApiMethod<? extends Serializable> call;

    private ResultUnreadCall(BotApiMethod<? extends Serializable> call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    public static ResultUnreadCall of(BotApiMethod<? extends Serializable> call) {
        return new ResultUnreadCall(call);
    }

    /** What is sent: the wrapped call as telegrambots writes it. */
    @JsonValue
    public BotApiMethod<? extends Serializable> call() {
        return call;
    }

    @Override
    public String getMethod() {
        return call.getMethod();
    }

    @Override
    public void validate() throws TelegramApiValidationException {
        call.validate();
    }

    /** {@code true} when the answer says {@code "ok": true}; otherwise the wrapped call reads (and throws) the refusal. */
    @Override
    public Boolean deserializeResponse(String answer) throws TelegramApiRequestException {
        if (accepted(answer)) {
            return Boolean.TRUE;
        }
        call.deserializeResponse(answer);
        // A refusal always throws above; an answer that parses as accepted there was accepted.
        return Boolean.TRUE;
    }

    /** Whether the answer is a JSON object whose top-level {@code ok} is {@code true}; anything else is not. */
    static boolean accepted(String answer) {
        try (JsonParser parser = JSON.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("ok".equals(field)) {
                    return value == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
