package io.contactdesk.notifier.telegram;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * A Bot API call that did not succeed, reduced to what decides the next step: who failed, the Bot API's
 * {@code error_code}, {@code description} and {@code parameters.retry_after}. The message never holds the
 * token: telegrambots' errors may carry request URLs, and those contain it.
 */
public final class BotApiException extends Exception {

    /** Where the failure happened. */
    public enum Origin {
        /** Telegram answered {@code "ok":false}: {@link #errorCode()} and {@link #description()} are its own. */
        BOT_API,
        /** No answer: connection refused or reset, timeout, or an error page that is not a Bot API answer. */
        TRANSPORT,
        /** Telegram answered, but not in a shape telegrambots could read. */
        UNREADABLE_ANSWER,
        /** telegrambots refused to send the call (e.g. an empty text); Telegram never saw it. */
        REJECTED_BEFORE_SENDING
    }

    private final Origin origin;
    private final int errorCode;
    private final String description;
    private final Integer retryAfterSeconds;

    public BotApiException(Origin origin, int errorCode, String description, Integer retryAfterSeconds) {
        super(summary(origin, errorCode, description));
        this.origin = origin;
        this.errorCode = errorCode;
        this.description = description == null ? "" : description;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Telegram's answer {@code {"ok":false,"error_code":…,"description":…,"parameters":{"retry_after":…}}}. */
    public static BotApiException answered(int errorCode, String description, Integer retryAfterSeconds) {
        return new BotApiException(Origin.BOT_API, errorCode, description, retryAfterSeconds);
    }

    /** Translates a telegrambots failure; {@code token} is removed from every text taken from it. */
    public static BotApiException from(TelegramApiException failure, String token) {
        // The client validates synchronously and wraps the refusal ("Unable to execute … method"): look for it
        // in the causes, or an empty text would pass for Telegram being unreachable and be retried.
        TelegramApiValidationException invalid = validationFailureIn(failure);
        if (invalid != null) {
            // Its toString() prints the whole method, texts included: take the message only.
            return new BotApiException(Origin.REJECTED_BEFORE_SENDING, 0, redact(invalid.getMessage(), token), null);
        }
        if (failure instanceof TelegramApiRequestException request
                && request.getErrorCode() != null && request.getErrorCode() > 0) {
            Integer retryAfter = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
            return answered(request.getErrorCode(), redact(request.getApiResponse(), token), retryAfter);
        }
        Throwable cause = failure.getCause();
        if (failure instanceof TelegramApiRequestException && cause instanceof IOException) {
            // "Unable to deserialize response": the body was not the envelope telegrambots expects.
            return new BotApiException(Origin.UNREADABLE_ANSWER, 0, redact(describe(cause), token), null);
        }
        return new BotApiException(Origin.TRANSPORT, 0, redact(describe(cause == null ? failure : cause), token), null);
    }

    public Origin origin() {
        return origin;
    }

    /** The Bot API {@code error_code} (its HTTP status), or 0 when Telegram did not answer one. */
    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfterSeconds).map(Duration::ofSeconds);
    }

    /** Telegram unreachable, failing (5xx) or asking to wait (429): the same call may succeed later. */
    public boolean isTransient() {
        return origin == Origin.TRANSPORT || (origin == Origin.BOT_API && (errorCode >= 500 || errorCode == 429));
    }

    private static String summary(Origin origin, int errorCode, String description) {
        String prefix = switch (origin) {
            case BOT_API -> "Bot API error " + errorCode;
            case TRANSPORT -> "Bot API not reached";
            case UNREADABLE_ANSWER -> "Bot API answer unreadable";
            case REJECTED_BEFORE_SENDING -> "call rejected before sending";
        };
        return description == null || description.isBlank() ? prefix : prefix + ": " + description;
    }

    private static TelegramApiValidationException validationFailureIn(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TelegramApiValidationException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String redact(String text, String token) {
        if (text == null || token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, "<token>").replace(URLEncoder.encode(token, StandardCharsets.UTF_8), "<token>");
    }
}
