package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Bot API call is held to the published spec; what breaks it is refused like Telegram and recorded. */
class SpecValidationTest extends SandboxTestBase {

    private static final Map<String, Object> KEYBOARD = Map.of("inline_keyboard",
            List.of(List.of(Map.of("text", "Next", "callback_data", "page:2"))));

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @BeforeEach
    void userOpensTheBot() {
        client.userWrites(USER, "/start");
    }

    @Test
    void unknownParameterIsRefusedAndRecorded() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "hi", "colour", "red"));

        assertBadRequest(answer, "Bad Request: unknown parameter colour");
        JsonNode violations = client.get("spec-violations").body();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).get("method").asText()).isEqualTo("sendMessage");
        assertThat(violations.get(0).get("parameter").asText()).isEqualTo("colour");
        assertThat(violations.get(0).get("problem").asText()).contains("no parameter");
        assertThat(client.get("stats").body().get("spec_violations").asInt()).isEqualTo(1);
    }

    @Test
    void missingChatIdIsEmpty() {
        assertBadRequest(client.bot("sendMessage", Map.of("text", "hi")), "Bad Request: chat_id is empty");
        assertRecorded("sendMessage", "chat_id");
    }

    @Test
    void missingTextIsAnEmptyMessageText() {
        assertBadRequest(client.bot("sendMessage", Map.of("chat_id", USER)), "Bad Request: message text is empty");
        assertRecorded("sendMessage", "text");
    }

    @Test
    void missingMessageIdOfAnEditIsNotSpecified() {
        assertBadRequest(client.bot("deleteMessage", Map.of("chat_id", USER)),
                "Bad Request: message identifier is not specified");
        assertRecorded("deleteMessage", "message_id");
    }

    @Test
    void anyOtherMissingParameterIsRequired() {
        assertBadRequest(client.bot("answerCallbackQuery", Map.of("text", "ok")),
                "Bad Request: parameter \"callback_query_id\" is required");
        assertRecorded("answerCallbackQuery", "callback_query_id");
    }

    @Test
    void integerThatIsNotANumberIsInvalid() {
        assertBadRequest(client.bot("getUpdates", Map.of("limit", "ten")), "Bad Request: invalid limit specified");
        assertRecorded("getUpdates", "limit");
    }

    @Test
    void booleanThatIsNeitherTrueNorFalseIsInvalid() {
        assertBadRequest(client.bot("sendMessage", Map.of("chat_id", USER, "text", "hi", "disable_notification",
                "maybe")), "Bad Request: invalid disable_notification specified");
        assertRecorded("sendMessage", "disable_notification");
    }

    @Test
    void objectWhereAStringBelongsIsInvalid() {
        assertBadRequest(client.bot("sendMessage", Map.of("chat_id", USER, "text", Map.of("a", 1))),
                "Bad Request: invalid text specified");
    }

    @Test
    void formValuesAreTextForNumbersBooleansAndJson() {
        SandboxClient.Answer answer = client.botForm("sendMessage", "chat_id=" + USER + "&text=hi"
                + "&disable_notification=true&message_thread_id=1"
                + "&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22a%22%2C%22callback_data%22%3A%22b%22%7D%5D%5D%7D");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get("spec-violations").body()).isEmpty();
    }

    @Test
    void jsonParameterThatIsNotJsonCannotBeParsed() {
        assertBadRequest(client.botForm("sendMessage", "chat_id=" + USER + "&text=hi&reply_markup=%7Bnot-json"),
                "Bad Request: can't parse reply keyboard markup JSON object");
        assertRecorded("sendMessage", "reply_markup");
    }

    @Test
    void arrayParameterGivenAnObjectCannotBeParsed() {
        assertBadRequest(client.bot("setMyCommands", Map.of("commands", Map.of("command", "start"))),
                "Bad Request: can't parse commands JSON object");
    }

    @Test
    void unknownFieldInsideAJsonParameterIsRefusedWithItsPath() {
        Map<String, Object> keyboard = Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Next", "callback_data", "next", "colour", "red"))));

        SandboxClient.Answer answer = client.bot("sendMessage",
                Map.of("chat_id", USER, "text", "hi", "reply_markup", keyboard));

        assertBadRequest(answer, "Bad Request: can't parse reply keyboard markup JSON object: "
                + "inline_keyboard[0][0].colour InlineKeyboardButton has no field \"colour\"");
        assertRecorded("sendMessage", "reply_markup.inline_keyboard[0][0].colour");
    }

    @Test
    void wrongTypeInsideAJsonParameterIsRefusedWithItsPath() {
        SandboxClient.Answer answer = client.bot("setMyCommands",
                Map.of("commands", List.of(Map.of("command", "start", "description", true))));

        assertBadRequest(answer, "Bad Request: can't parse commands JSON object: [0].description must be of type "
                + "String");
    }

    @Test
    void unknownUpdateTypeInAllowedUpdatesIsRefused() {
        SandboxClient.Answer answer = client.bot("getUpdates", Map.of("allowed_updates", List.of("mesage")));

        assertBadRequest(answer, "Bad Request: allowed_updates has unknown update type \"mesage\"");
        assertRecorded("getUpdates", "allowed_updates");
    }

    @Test
    void methodTelegramHasButTheSandboxDoesNotIsNotFoundAndRecorded() {
        SandboxClient.Answer answer = client.bot("sendPhoto", Map.of("chat_id", USER, "photo", "file-id"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("description").asText()).isEqualTo("Not Found");
        JsonNode violation = client.get("spec-violations").body().get(0);
        assertThat(violation.get("method").asText()).isEqualTo("sendPhoto");
        assertThat(violation.get("problem").asText()).contains("does not emulate");
    }

    @Test
    void methodTelegramDoesNotHaveIsNotFoundAndRecorded() {
        assertThat(client.bot("sendTelepathy", Map.of()).status()).isEqualTo(404);

        assertThat(client.get("spec-violations").body().get(0).get("problem").asText()).contains("no such method");
    }

    @Test
    void validCallsOfEveryMethodTheSandboxImplementsPass() {
        long messageId = client.sendMessage(USER, Map.of("text", "<b>menu</b>", "parse_mode", "HTML",
                "reply_markup", KEYBOARD, "disable_notification", true,
                "link_preview_options", Map.of("is_disabled", true))).get("message_id").asLong();
        String queryId = client.post("users/" + USER + "/callbacks", Map.of("message_id", messageId, "data", "x"))
                .body().get("callback_query_id").asText();
        List<Call> calls = List.of(
                new Call("getMe", Map.of()),
                new Call("getUpdates", Map.of("offset", 0, "limit", 10, "timeout", 0,
                        "allowed_updates", List.of("message", "callback_query"))),
                new Call("editMessageText", Map.of("chat_id", USER, "message_id", messageId, "text", "page 2",
                        "reply_markup", KEYBOARD)),
                new Call("editMessageReplyMarkup", Map.of("chat_id", USER, "message_id", messageId)),
                new Call("sendChatAction", Map.of("chat_id", USER, "action", "typing")),
                new Call("answerCallbackQuery", Map.of("callback_query_id", queryId, "text", "ok", "show_alert", false,
                        "cache_time", 0)),
                new Call("setMyCommands", Map.of("commands", List.of(Map.of("command", "start", "description", "Go")),
                        "scope", Map.of("type", "default"), "language_code", "en")),
                new Call("getMyCommands", Map.of("language_code", "en")),
                new Call("deleteMyCommands", Map.of()),
                new Call("deleteMessage", Map.of("chat_id", USER, "message_id", messageId)),
                new Call("setWebhook", Map.of("url", "https://example.org/hook", "max_connections", 40,
                        "drop_pending_updates", true, "secret_token", "s3cret")),
                new Call("getWebhookInfo", Map.of()),
                new Call("deleteWebhook", Map.of("drop_pending_updates", false)));

        for (Call call : calls) {
            assertThat(client.bot(call.method(), call.params()).status()).as(call.method()).isEqualTo(200);
        }

        assertThat(client.get("spec-violations").body()).isEmpty();
    }

    private record Call(String method, Map<String, ?> params) {
    }

    private void assertRecorded(String method, String parameter) {
        assertThat(client.get("spec-violations").body())
                .anySatisfy(violation -> {
                    assertThat(violation.get("method").asText()).isEqualTo(method);
                    assertThat(violation.get("parameter").asText()).isEqualTo(parameter);
                });
    }

    private static void assertBadRequest(SandboxClient.Answer answer, String description) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("ok").asBoolean()).isFalse();
        assertThat(answer.body().get("description").asText()).isEqualTo(description);
    }
}
