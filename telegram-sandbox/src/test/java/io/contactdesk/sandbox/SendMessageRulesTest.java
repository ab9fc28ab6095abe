package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendMessageRulesTest extends SandboxTestBase {

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @BeforeEach
    void userOpensTheBot() {
        client.userWrites(USER, "/start");
    }

    @Test
    void sendMessageReturnsATelegramMessageFromTheBot() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "Welcome"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("message_id").asLong()).isPositive();
        assertThat(answer.result().at("/from/id").asLong()).isEqualTo(100000001L);
        assertThat(answer.result().at("/from/is_bot").asBoolean()).isTrue();
        assertThat(answer.result().at("/chat/id").asLong()).isEqualTo(USER);
        assertThat(answer.result().get("text").asText()).isEqualTo("Welcome");
        assertThat(answer.result().get("date").asLong()).isPositive();
    }

    @Test
    void emptyTextIsRefused() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", ""));

        assertBadRequest(answer, "Bad Request: message text is empty");
    }

    @Test
    void textOverFourThousandNinetySixCharactersIsRefused() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "x".repeat(4097)));

        assertBadRequest(answer, "Bad Request: message is too long");
    }

    @Test
    void htmlTagsDoNotCountTowardsTheLengthLimit() {
        String text = "<b>" + "x".repeat(4096) + "</b>";

        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", text, "parse_mode", "HTML"));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void callbackDataOverSixtyFourBytesIsRefused() {
        String data = "é".repeat(33); // 66 bytes in UTF-8, 33 characters
        Map<String, Object> keyboard = Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Open", "callback_data", data))));

        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", "Pick", "reply_markup", keyboard));

        assertBadRequest(answer, "Bad Request: BUTTON_DATA_INVALID");
    }

    @Test
    void unknownHtmlTagIsRefused() {
        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", "<div>hi</div>", "parse_mode", "HTML"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("description").asText()).startsWith("Bad Request: can't parse entities: ");
    }

    @Test
    void unclosedHtmlTagIsRefused() {
        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", "<b>bold", "parse_mode", "HTML"));

        assertThat(answer.body().get("description").asText()).startsWith("Bad Request: can't parse entities: ");
    }

    @Test
    void unescapedAmpersandIsRefusedInHtml() {
        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", "Tom & Jerry", "parse_mode", "HTML"));

        assertThat(answer.body().get("description").asText()).startsWith("Bad Request: can't parse entities: ");
    }

    @Test
    void validHtmlIsSentAndRenderedAsPlainText() {
        String html = "<b>Acme</b> &amp; <a href=\"https://x.org/?a=1&amp;b=2\">Co</a> <span class=\"tg-spoiler\">"
                + "s</span> &lt;3";

        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", html, "parse_mode", "HTML"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("text").asText()).isEqualTo("Acme & Co s <3");
    }

    @Test
    void sendingToAnUnknownChatIsRefused() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", 999L, "text", "hi"));

        assertBadRequest(answer, "Bad Request: chat not found");
    }

    @Test
    void formEncodedAndQueryParametersAreAccepted() {
        SandboxClient.Answer form = client.botForm("sendMessage", "chat_id=" + USER + "&text=hello%20there"
                + "&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22a%22%2C%22callback_data%22%3A%22b%22%7D%5D%5D%7D");
        SandboxClient.Answer query = client.botGet("sendMessage?chat_id=" + USER + "&text=hi");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.result().get("text").asText()).isEqualTo("hello there");
        assertThat(form.result().at("/reply_markup/inline_keyboard/0/0/callback_data").asText()).isEqualTo("b");
        assertThat(query.status()).isEqualTo(200);
    }

    private static void assertBadRequest(SandboxClient.Answer answer, String description) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("ok").asBoolean()).isFalse();
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(400);
        assertThat(answer.body().get("description").asText()).isEqualTo(description);
        assertThat(answer.body().has("parameters")).isFalse();
    }
}
