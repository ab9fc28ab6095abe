package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class GetUpdatesTest extends SandboxTestBase {

    @Test
    void longPollReturnsEmptyAfterTheTimeoutWhenNothingArrives() {
        long started = System.nanoTime();

        SandboxClient.Answer answer = client.bot("getUpdates", Map.of("timeout", 1));

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(answer.result()).isEmpty();
        assertThat(elapsedMillis).isBetween(900L, 5_000L);
    }

    @Test
    void longPollReturnsAsSoonAsAMessageArrives() {
        long started = System.nanoTime();
        CompletableFuture<SandboxClient.Answer> poll =
                CompletableFuture.supplyAsync(() -> client.bot("getUpdates", Map.of("timeout", 20)));
        awaitPollInFlight();

        client.userWrites(USER, "hello");

        SandboxClient.Answer answer = poll.join();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(answer.result()).hasSize(1);
        assertThat(answer.result().get(0).at("/message/text").asText()).isEqualTo("hello");
    }

    @Test
    void offsetConfirmsAndDropsEarlierUpdates() {
        long first = client.userWrites(USER, "one");
        long second = client.userWrites(USER, "two");

        List<Long> unconfirmed = ids(client.bot("getUpdates", Map.of()).result());
        List<Long> afterOffset = ids(client.bot("getUpdates", Map.of("offset", second)).result());
        List<Long> afterAll = ids(client.bot("getUpdates", Map.of("offset", second + 1)).result());

        assertThat(unconfirmed).containsExactly(first, second);
        assertThat(afterOffset).containsExactly(second);
        assertThat(afterAll).isEmpty();
        assertThat(client.get("stats").body().get("updates_pending").asInt()).isZero();
    }

    @Test
    void updateIdsIncreaseByOne() {
        long first = client.userWrites(USER, "one");

        long second = client.userWrites(USER + 1, "two");

        assertThat(second).isEqualTo(first + 1);
        assertThat(first).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void limitCapsTheNumberOfUpdatesReturned() {
        client.userWrites(USER, "one");
        client.userWrites(USER, "two");
        client.userWrites(USER, "three");

        JsonNode result = client.bot("getUpdates", Map.of("limit", 2)).result();

        assertThat(result).hasSize(2);
    }

    @Test
    void overlappingGetUpdatesIsAConflict() {
        CompletableFuture<SandboxClient.Answer> first =
                CompletableFuture.supplyAsync(() -> client.bot("getUpdates", Map.of("timeout", 3)));
        awaitPollInFlight();

        SandboxClient.Answer second = client.bot("getUpdates", Map.of("timeout", 0));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(second.body().get("description").asText())
                .isEqualTo("Conflict: terminated by other getUpdates request; make sure that only one bot instance "
                        + "is running");
        assertThat(first.join().status()).isEqualTo(200);
    }

    @Test
    void getUpdatesIsAConflictWhileAWebhookIsSet() {
        client.bot("setWebhook", Map.of("url", "https://example.org/hook"));

        SandboxClient.Answer answer = client.bot("getUpdates", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("description").asText()).isEqualTo(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
                        + "webhook first");
    }

    @Test
    void deleteWebhookAllowsPollingAgain() {
        client.bot("setWebhook", Map.of("url", "https://example.org/hook"));

        client.bot("deleteWebhook", Map.of());

        assertThat(client.bot("getUpdates", Map.of()).status()).isEqualTo(200);
        assertThat(client.bot("getWebhookInfo", Map.of()).result().get("url").asText()).isEmpty();
    }

    @Test
    void allowedUpdatesFiltersOutOtherUpdateTypes() {
        client.userWrites(USER, "hi");

        JsonNode result = client.bot("getUpdates", Map.of("allowed_updates", List.of("callback_query"))).result();

        assertThat(result).isEmpty();
    }

    @Test
    void aCommandCarriesABotCommandEntity() {
        client.userWrites(USER, "/start ref42");

        JsonNode message = client.bot("getUpdates", Map.of()).result().get(0).get("message");

        assertThat(message.at("/entities/0/type").asText()).isEqualTo("bot_command");
        assertThat(message.at("/entities/0/offset").asInt()).isZero();
        assertThat(message.at("/entities/0/length").asInt()).isEqualTo("/start".length());
        assertThat(message.at("/chat/type").asText()).isEqualTo("private");
        assertThat(message.at("/from/is_bot").asBoolean()).isFalse();
    }

    @Test
    void statsCountDeliveredUpdatesOnce() {
        client.userWrites(USER, "one");

        client.bot("getUpdates", Map.of());
        client.bot("getUpdates", Map.of());

        assertThat(client.get("stats").body().get("updates_delivered").asInt()).isEqualTo(1);
        assertThat(client.get("stats").body().at("/calls/getUpdates").asInt()).isEqualTo(2);
    }

    @Test
    void offsetBeyondTheTailIsIgnoredAndConfirmsNothing() {
        long first = client.userWrites(USER, "one");
        long second = client.userWrites(USER, "two");

        List<Long> answered = ids(client.bot("getUpdates", Map.of("offset", second + 10)).result());

        assertThat(answered).containsExactly(first, second);
        assertThat(client.get("stats").body().get("updates_pending").asInt()).isEqualTo(2);
    }

    @Test
    void offsetBelowTheHeadIsIgnored() {
        long first = client.userWrites(USER, "one");
        long second = client.userWrites(USER, "two");
        client.bot("getUpdates", Map.of("offset", second));

        List<Long> answered = ids(client.bot("getUpdates", Map.of("offset", first)).result());

        assertThat(answered).containsExactly(second);
    }

    @Test
    void offsetAtTheTailConfirmsEverything() {
        long only = client.userWrites(USER, "one");

        List<Long> answered = ids(client.bot("getUpdates", Map.of("offset", only + 1)).result());

        assertThat(answered).isEmpty();
        assertThat(client.get("stats").body().get("updates_pending").asInt()).isZero();
    }

    @Test
    void afterARestartToLowerIdsAStaleOffsetBeyondTheTailGetsTheNewUpdates() {
        long before = client.userWrites(USER, "before");
        long staleOffset = before + 1;
        client.bot("getUpdates", Map.of("offset", staleOffset));
        client.post("update-ids/restart", Map.of("first_id", 5));
        client.userWrites(USER, "after one");
        client.userWrites(USER, "after two");

        JsonNode answered = client.bot("getUpdates", Map.of("offset", staleOffset)).result();

        assertThat(ids(answered)).containsExactly(5L, 6L);
        assertThat(answered.get(0).at("/message/text").asText()).isEqualTo("after one");
    }

    @Test
    void restartDiscardsPendingUpdatesAndNamesTheNextId() {
        client.userWrites(USER, "one");
        client.userWrites(USER, "two");

        SandboxClient.Answer restart = client.post("update-ids/restart", Map.of("first_id", 7));
        long next = client.userWrites(USER, "three");

        assertThat(restart.status()).isEqualTo(200);
        assertThat(restart.body().get("first_id").asLong()).isEqualTo(7);
        assertThat(restart.body().get("discarded").asInt()).isEqualTo(2);
        assertThat(next).isEqualTo(7);
        assertThat(ids(client.bot("getUpdates", Map.of()).result())).containsExactly(7L);
    }

    @Test
    void restartWithoutFirstIdPicksAPositive32BitId() {
        SandboxClient.Answer restart = client.post("update-ids/restart", Map.of());

        long next = client.userWrites(USER, "hi");

        assertThat(next).isEqualTo(restart.body().get("first_id").asLong()).isBetween(1L, (long) Integer.MAX_VALUE);
    }

    @Test
    void restartRefusesAnIdTelegramCouldNotGive() {
        assertThat(client.post("update-ids/restart", Map.of("first_id", 0)).status()).isEqualTo(400);
        assertThat(client.post("update-ids/restart", Map.of("first_id", 1L << 31)).status()).isEqualTo(400);
    }

    @Test
    void emptyAllowedUpdatesRestoresTheDefault() {
        client.bot("getUpdates", Map.of("allowed_updates", List.of("callback_query")));
        client.bot("getUpdates", Map.of("allowed_updates", List.of()));

        client.userWrites(USER, "hi");

        assertThat(client.bot("getUpdates", Map.of()).result()).hasSize(1);
    }

    @Test
    void absentAllowedUpdatesKeepsThePreviousSetting() {
        client.bot("getUpdates", Map.of("allowed_updates", List.of("callback_query")));

        client.userWrites(USER, "hi");

        assertThat(client.bot("getUpdates", Map.of()).result()).isEmpty();
    }

    /** Waits until the sandbox has counted the long poll, then a little more for it to start waiting. */
    private void awaitPollInFlight() {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.get("stats").body().at("/calls/getUpdates").asInt() >= 1);
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    }

    private static List<Long> ids(JsonNode updates) {
        return StreamSupport.stream(updates.spliterator(), false)
                .map(update -> update.get("update_id").asLong()).toList();
    }
}
