package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /sandbox/replies}: which update each bot call answers, and when, as a benchmark reads it. */
class ReplyLogTest extends SandboxTestBase {

    @Test
    void aMessageIsAnsweredByTheBotsNextMessageInItsChatWithItsThreeTimes() {
        long updateId = client.userWrites(USER, "/balance");
        client.bot("getUpdates", Map.of());
        client.sendMessage(USER, Map.of("text", "You have 3 credits"));

        JsonNode reply = client.get("replies").body().get("replies").get(0);
        assertThat(reply.get("update_id").asLong()).isEqualTo(updateId);
        assertThat(reply.get("method").asText()).isEqualTo("sendMessage");
        long enqueued = reply.get("enqueued_at_us").asLong();
        long delivered = reply.get("delivered_at_us").asLong();
        assertThat(enqueued).isPositive();
        assertThat(delivered).isGreaterThanOrEqualTo(enqueued);
        assertThat(reply.get("at_us").asLong()).isGreaterThanOrEqualTo(delivered);
    }

    @Test
    void aMessageNotYetHandedToGetUpdatesIsNotClaimedByAnEarlierAnswersEdit() {
        client.userWrites(USER, "/start");
        client.bot("getUpdates", Map.of());
        client.sendMessage(USER, Map.of("text", "Welcome"));
        client.userWrites(USER, "/balance");
        client.sendMessage(USER, Map.of("text", "late second part of the welcome"));

        JsonNode replies = client.get("replies").body().get("replies");
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).has("update_id")).isFalse();
    }

    @Test
    void aTapIsAnsweredByTheAnswerCallbackQueryNamingItAndButtonsAreListed() {
        client.userWrites(USER, "/browse");
        client.bot("getUpdates", Map.of());
        long messageId = client.sendMessage(USER, Map.of("text", "Categories", "reply_markup",
                Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Plumbing", "callback_data", "cat:1"))))))
                .get("message_id").asLong();
        SandboxClient.Answer tap = client.post("users/" + USER + "/callbacks", Map.of("message_id", messageId, "data", "cat:1"));
        long tapUpdate = tap.body().get("update_id").asLong();
        client.bot("getUpdates", Map.of("offset", tapUpdate));
        client.bot("answerCallbackQuery", Map.of("callback_query_id", tap.body().get("callback_query_id").asText()));

        JsonNode replies = client.get("replies").body().get("replies");
        assertThat(replies.get(0).get("buttons").get(0).asText()).isEqualTo("cat:1");
        assertThat(replies.get(1).get("method").asText()).isEqualTo("answerCallbackQuery");
        assertThat(replies.get(1).get("update_id").asLong()).isEqualTo(tapUpdate);
    }

    @Test
    void readingAfterASeqSkipsWhatWasRead() {
        client.userWrites(USER, "/start");
        client.bot("getUpdates", Map.of());
        client.sendMessage(USER, Map.of("text", "one"));
        client.sendMessage(USER, Map.of("text", "two"));
        long first = client.get("replies").body().get("replies").get(0).get("seq").asLong();

        JsonNode rest = client.get("replies?after=" + first).body().get("replies");

        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).get("seq").asLong()).isEqualTo(first + 1);
    }

    @Test
    void anUpdateDroppedByARestartOfTheIdsNoLongerHoldsUpItsChatsAnswers() {
        long dropped = client.userWrites(USER, "/balance");
        client.post("update-ids/restart", Map.of("first_id", dropped + 1));
        long next = client.userWrites(USER, "/balance");
        client.bot("getUpdates", Map.of());
        client.sendMessage(USER, Map.of("text", "You have 3 credits"));

        JsonNode reply = client.get("replies").body().get("replies").get(0);
        assertThat(reply.get("update_id").asLong()).isEqualTo(next);
    }
}
