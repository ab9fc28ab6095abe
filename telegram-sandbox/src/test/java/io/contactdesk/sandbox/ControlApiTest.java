package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlApiTest extends SandboxTestBase {

    @Test
    void userMessageAnswersItsUpdateAndMessageIds() {
        SandboxClient.Answer answer = client.post("users/" + USER + "/messages",
                Map.of("text", "hi", "username", "alice", "first_name", "Alice"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("update_id").asLong()).isPositive();
        assertThat(answer.body().get("message_id").asLong()).isPositive();
        assertThat(client.bot("getUpdates", Map.of()).result().get(0).at("/message/from/username").asText())
                .isEqualTo("alice");
    }

    @Test
    void userMessageWithoutTextIsBadInput() {
        SandboxClient.Answer answer = client.post("users/" + USER + "/messages", Map.of("username", "alice"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("text");
    }

    @Test
    void nonNumericUserIdIsBadInput() {
        SandboxClient.Answer answer = client.post("users/alice/messages", Map.of("text", "hi"));

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void unknownControlCallIsNotFound() {
        assertThat(client.get("nothing-here").status()).isEqualTo(404);
    }

    @Test
    void historyOfAChatWithoutMessagesIsEmpty() {
        assertThat(client.get("chats/123/messages").body()).isEmpty();
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedAndQueuesNothing() {
        // what <form method=post action=".../sandbox/users/42/messages"> on any web page makes a browser send
        for (String formType : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain"}) {
            SandboxClient.Answer answer = client.postAs("users/" + USER + "/messages", formType, "text=/grant 42 1000",
                    Map.of());

            assertThat(answer.status()).as(formType).isEqualTo(415);
            assertThat(answer.body().get("error").asText()).contains("application/json");
        }
        assertThat(client.bot("getUpdates", Map.of()).result()).isEmpty();
    }

    @Test
    void aJsonPostFromAForeignOriginIsRefused() {
        SandboxClient.Answer answer = client.postAs("users/" + USER + "/messages", "application/json",
                "{\"text\":\"hi\"}", Map.of("Origin", "https://evil.example"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(client.bot("getUpdates", Map.of()).result()).isEmpty();
    }

    @Test
    void theChatPageOfTheSandboxItselfMayPost() {
        SandboxClient.Answer answer = client.postAs("users/" + USER + "/messages", "application/json; charset=utf-8",
                "{\"text\":\"hi\"}", Map.of("Origin", client.baseUrl()));

        assertThat(answer.status()).isEqualTo(200);
    }
}
