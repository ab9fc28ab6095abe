package io.contactdesk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stand-in that answers what it is told (the real sandbox's own tests run every call against the
 * sandbox itself): what it sends where, and how it reports an answer other than 200.
 */
class SandboxClientTest {

    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Test
    void aUserWritingPostsTheTextToThatUsersMessagesAndReturnsTheUpdateId() {
        body = "{\"update_id\":7,\"message_id\":3,\"chat_id\":42}";

        long updateId = new SandboxClient(baseUrl()).userWrites(42, "/start");

        assertThat(updateId).isEqualTo(7);
        assertThat(requests).containsExactly("POST /sandbox/users/42/messages {\"text\":\"/start\"}");
    }

    @Test
    void aStepTheSandboxRefusesFailsNamingTheStepTheStatusAndTheAnswer() {
        status = 400;
        body = "{\"error\":\"text is required\"}";

        assertThatThrownBy(() -> new SandboxClient(baseUrl()).userWrites(42, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("400").hasMessageContaining("a message from user 42")
                .hasMessageContaining("text is required");
    }

    @Test
    void aRawCallReturnsTheAnswerWhateverItsStatus() {
        status = 403;
        body = "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}";

        SandboxClient.Answer answer = new SandboxClient(baseUrl(), "1:token").bot("sendMessage", Map.of("chat_id", 42));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.result()).isNull();
        assertThat(answer.body().path("description").asText()).startsWith("Forbidden");
        assertThat(requests).singleElement().asString().startsWith("POST /bot1:token/sendMessage ");
    }

    @Test
    void anAnswerThatIsNotJsonIsKeptAsTextToShowInTheFailure() {
        status = 502;
        body = "<html>Bad Gateway</html>";

        assertThatThrownBy(() -> new SandboxClient(baseUrl()).stats())
                .hasMessageContaining("502").hasMessageContaining("<html>Bad Gateway</html>");
    }

    @Test
    void aBotApiCallWithoutTheBotsTokenSaysWhatIsMissing() {
        assertThatThrownBy(() -> new SandboxClient(baseUrl()).webhookInfo())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
        assertThat(requests).isEmpty();
    }
}
