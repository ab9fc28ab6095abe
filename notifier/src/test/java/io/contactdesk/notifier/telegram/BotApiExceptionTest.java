package io.contactdesk.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

class BotApiExceptionTest {

    private static final String TOKEN = "123456:secret-token";

    @Test
    void floodAnswerCarriesRetryAfter() {
        // given Telegram's 429 as telegrambots reports it
        TelegramApiRequestException flood = answer(429, "Too Many Requests: retry after 7", 7);

        // when
        BotApiException failure = BotApiException.from(flood, TOKEN);

        // then
        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.BOT_API);
        assertThat(failure.errorCode()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).isEqualTo("Bot API error 429: Too Many Requests: retry after 7");
    }

    @Test
    void badRequestKeepsTelegramsDescription() {
        BotApiException failure = BotApiException.from(answer(400, "Bad Request: message is too long", null), TOKEN);

        assertThat(failure.errorCode()).isEqualTo(400);
        assertThat(failure.description()).isEqualTo("Bad Request: message is too long");
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void timeoutIsTransportFailure() {
        // given what OkHttpTelegramClient.execute throws when the call times out
        TelegramApiException timeout = new TelegramApiException("Unable to execute sendmessage method",
                new SocketTimeoutException("timeout"));

        // when
        BotApiException failure = BotApiException.from(timeout, TOKEN);

        // then
        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.TRANSPORT);
        assertThat(failure.errorCode()).isZero();
        assertThat(failure.getMessage()).isEqualTo("Bot API not reached: SocketTimeoutException: timeout");
    }

    @Test
    void unparseableAnswerIsUnreadableNotTransport() {
        TelegramApiRequestException unreadable = new TelegramApiRequestException(
                "Unable to deserialize response", new IOException("Unexpected character ('<')"));

        assertThat(BotApiException.from(unreadable, TOKEN).origin()).isEqualTo(BotApiException.Origin.UNREADABLE_ANSWER);
    }

    @Test
    void validationFailureNeverReachedTelegram() {
        // given the refusal as the client's execute() reports it: wrapped, like a transport error
        TelegramApiException invalid = new TelegramApiException("Unable to execute sendmessage method",
                new TelegramApiValidationException("Text parameter can't be empty", new SendMessage("42", "")));

        // when
        BotApiException failure = BotApiException.from(invalid, TOKEN);

        // then it is not mistaken for Telegram being unreachable

        assertThat(failure.origin()).isEqualTo(BotApiException.Origin.REJECTED_BEFORE_SENDING);
        assertThat(failure.getMessage()).isEqualTo("call rejected before sending: Text parameter can't be empty");
    }

    @Test
    void tokenNeverAppearsInTheMessage() {
        // given a transport error that quotes the request URL, as some OkHttp errors do
        TelegramApiException failure = new TelegramApiException("Unable to execute sendmessage method",
                new IOException("unexpected end of stream on https://api.telegram.org/bot" + TOKEN + "/sendMessage"));

        // when
        String message = BotApiException.from(failure, TOKEN).getMessage();

        // then
        assertThat(message).doesNotContain(TOKEN).doesNotContain("secret-token").contains("/bot<token>/sendMessage");
    }

    private static TelegramApiRequestException answer(int code, String description, Integer retryAfter) {
        ResponseParameters parameters = retryAfter == null ? null : new ResponseParameters(null, retryAfter);
        return new TelegramApiRequestException("Error executing sendMessage query",
                new ApiResponse<>(false, code, description, parameters, null));
    }
}
