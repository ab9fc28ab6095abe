package io.contactdesk.sandbox.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BotApiSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BotApiSpec SPEC = BotApiSpec.get();
    private static final String USER = "{\"id\":1,\"is_bot\":false,\"first_name\":\"Ada\"}";
    private static final String BOT = "{\"id\":2,\"is_bot\":true,\"first_name\":\"Bot\"}";
    private static final String CHAT = "{\"id\":1,\"type\":\"private\",\"first_name\":\"Ada\"}";

    @Test
    void methodNamesAreFoundInAnyCase() {
        assertThat(SPEC.version()).isEqualTo("Bot API 10.1");
        assertThat(SPEC.methodName("getupdates")).contains("getUpdates");
        assertThat(SPEC.methodName("sendTelepathy")).isEmpty();
    }

    @Test
    void updateTypesAreUpdatesFieldsWithoutItsId() {
        assertThat(SPEC.updateTypes()).contains("message", "edited_message", "my_chat_member", "chat_member",
                "message_reaction", "message_reaction_count").doesNotContain("update_id");
    }

    @Test
    void conformingUpdateHasNoViolations() {
        JsonNode update = json("{\"update_id\":7,\"message\":{\"message_id\":1,\"from\":" + USER + ",\"chat\":" + CHAT
                + ",\"date\":1700000000,\"text\":\"/start\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,"
                + "\"length\":6}]}}");

        assertThat(SPEC.checkObject("Update", update)).isEmpty();
    }

    @Test
    void missingRequiredFieldIsNamedWithItsPath() {
        JsonNode update = json("{\"update_id\":7,\"message\":{\"message_id\":1,\"chat\":" + CHAT + "}}");

        assertThat(SPEC.checkObject("Update", update)).singleElement().satisfies(violation -> {
            assertThat(violation.parameter()).isEqualTo("message.date");
            assertThat(violation.kind()).isEqualTo(SpecViolation.Kind.MISSING_PARAMETER);
        });
    }

    @Test
    void fieldTheSpecDoesNotKnowIsAViolation() {
        JsonNode user = json("{\"id\":1,\"is_bot\":false,\"first_name\":\"Ada\",\"nickname\":\"a\"}");

        assertThat(SPEC.checkObject("User", user)).singleElement()
                .satisfies(violation -> assertThat(violation.parameter()).isEqualTo("nickname"));
    }

    @Test
    void numberAsTextIsAViolationInWhatTelegramSends() {
        JsonNode user = json("{\"id\":\"1\",\"is_bot\":false,\"first_name\":\"Ada\"}");

        assertThat(SPEC.checkObject("User", user)).singleElement()
                .satisfies(violation -> assertThat(violation.problem()).isEqualTo("must be of type Integer"));
    }

    @Test
    void chatMemberIsCheckedAsTheSubtypeItsStatusNames() {
        JsonNode bannedWithoutUntilDate = json("{\"status\":\"kicked\",\"user\":" + BOT + "}");
        JsonNode member = json("{\"status\":\"member\",\"user\":" + BOT + "}");

        assertThat(SPEC.checkObject("ChatMember", bannedWithoutUntilDate)).singleElement()
                .satisfies(violation -> assertThat(violation.parameter()).isEqualTo("until_date"));
        assertThat(SPEC.checkObject("ChatMember", member)).isEmpty();
        assertThat(SPEC.checkObject("ChatMember", json("{\"status\":\"emperor\",\"user\":" + BOT + "}"))).isNotEmpty();
    }

    @Test
    void maybeInaccessibleMessageWithDateZeroIsAnInaccessibleMessage() {
        JsonNode inaccessible = json("{\"chat\":" + CHAT + ",\"message_id\":3,\"date\":0}");
        JsonNode inaccessibleWithText = json("{\"chat\":" + CHAT + ",\"message_id\":3,\"date\":0,\"text\":\"x\"}");
        JsonNode message = json("{\"chat\":" + CHAT + ",\"message_id\":3,\"date\":5,\"text\":\"x\"}");

        assertThat(SPEC.checkObject("MaybeInaccessibleMessage", inaccessible)).isEmpty();
        assertThat(SPEC.checkObject("MaybeInaccessibleMessage", inaccessibleWithText)).isNotEmpty();
        assertThat(SPEC.checkObject("MaybeInaccessibleMessage", message)).isEmpty();
    }

    @Test
    void requestParametersMayBeText() {
        JsonNode params = json("{\"chat_id\":\"42\",\"text\":\"hi\",\"disable_notification\":\"true\","
                + "\"reply_markup\":\"{\\\"inline_keyboard\\\":[]}\"}");

        assertThat(SPEC.checkRequest("sendmessage", (ObjectNode) params))
                .isEmpty();
    }

    @Test
    void everyTypeTheSpecRefersToIsDefined() {
        // Checking an Array of Update walks the types an update may contain; an undefined one would throw.
        assertThat(SPEC.checkObject("Array of Update", json("[]"))).isEqualTo(List.of());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
