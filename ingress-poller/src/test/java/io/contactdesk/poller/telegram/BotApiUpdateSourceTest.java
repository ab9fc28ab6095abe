package io.contactdesk.poller.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.contactdesk.contracts.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code getUpdates} sends, as a Bot API server receives it. */
class BotApiUpdateSourceTest {

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private HttpServer botApi;

    @BeforeEach
    void startBotApi() throws Exception {
        botApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        botApi.createContext("/", exchange -> {
            requests.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            byte[] answer = "{\"ok\":true,\"result\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        botApi.start();
    }

    @AfterEach
    void stopBotApi() {
        botApi.stop(0);
    }

    @Test
    void everyPollNamesExactlyTheUpdateTypesTheBotUses() throws Exception {
        // given a source polling the Bot API
        BotApiUpdateSource source = new BotApiUpdateSource(new TelegramPollingSettings("123:secret",
                "http://127.0.0.1:" + botApi.getAddress().getPort(), 0, 100));

        // when it polls twice
        source.poll(0);
        source.poll(7);

        // then each request lists the allowed updates, since Telegram would otherwise keep an earlier setting
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            List<String> allowed = new ArrayList<>();
            request.path("allowed_updates").forEach(type -> allowed.add(type.asText()));
            assertThat(allowed).containsExactly(
                    "message", "edited_message", "callback_query", "my_chat_member", "pre_checkout_query");
        });
        assertThat(requests.get(1).path("offset").asInt()).isEqualTo(7);
    }
}
