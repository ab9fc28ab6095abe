package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ChatPageTest extends SandboxTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rootServesTheChatPageWithItsTestIds() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("data-testid=\"message-input\"", "data-testid=\"send-button\"",
                "data-testid=\"chat-log\"", "data-testid=\"identity-user-id\"", "data-testid=\"identity-admin\"",
                "data-testid=\"block-button\"", "data-testid=\"unblock-button\"",
                "src=\"/web/chat.js\"", "src=\"/web/telegram-html.js\"", "href=\"/web/chat.css\"");
    }

    @Test
    void scriptsAndStylesheetAreServedWithTheirContentTypes() throws Exception {
        HttpResponse<String> chat = get("/web/chat.js");
        HttpResponse<String> html = get("/web/telegram-html.js");
        HttpResponse<String> css = get("/web/chat.css");

        assertThat(chat.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(chat.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(chat.body()).contains("'message'", "'message-bubble'", "'inline-button'", "'edited-mark'",
                "/sandbox/chats/", "/history", "/callback-answers", "/callbacks");
        assertThat(css.body()).contains(".bubble");
    }

    @Test
    void pageReferencesNoExternalUrl() throws Exception {
        for (String path : new String[] {"/", "/web/chat.js", "/web/telegram-html.js", "/web/chat.css"}) {
            assertThat(get(path).body()).as(path).doesNotContain("http://", "https://", "//cdn");
        }
    }

    @Test
    void botTextNeverReachesInnerHtml() throws Exception {
        // The page builds DOM nodes from the bot's text; innerHTML anywhere would be an injection path.
        assertThat(get("/web/chat.js").body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML");
        assertThat(get("/web/telegram-html.js").body()).doesNotContain("innerHTML", "outerHTML",
                "insertAdjacentHTML");
    }

    @Test
    void unknownPageFileIsNotFound() throws Exception {
        assertThat(get("/web/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/web/secret.js").statusCode()).isEqualTo(404);
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
    }

    @Test
    void pageIsReadOnly() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
