package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.browser.BrowserTab;
import io.contactdesk.sandbox.browser.Chromium;
import io.contactdesk.testsupport.SandboxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person uses the chat page in a real (headless) Chromium while the test plays the bot. */
class ChatPageBrowserIT {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(10);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Chromium chromium;
    private TelegramSandbox sandbox;
    private SandboxClient bot;
    private BrowserTab page;
    private long offset;

    @BeforeAll
    static void launchBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startSandboxAndPage() {
        sandbox = TelegramSandbox.builder().port(0).disableFloodLimits().build().start();
        bot = new SandboxClient(sandbox.baseUrl(), sandbox.token());
        page = chromium.newPage();
    }

    @AfterEach
    void closePageAndSandbox() {
        page.close();
        sandbox.close();
    }

    @Test
    void personChatsWithTheBotThroughThePage() throws Exception {
        page.navigate(sandbox.baseUrl() + "/?user=42&first_name=Ann&username=ann");
        page.waitFor(testId("connection-state") + ".textContent.startsWith('Live')", UI_TIMEOUT);

        // the person says /start
        page.evaluate("""
                (() => {
                  const input = %s;
                  input.value = '/start';
                  input.dispatchEvent(new Event('input', { bubbles: true }));
                  %s.click();
                })()""".formatted(testId("message-input"), testId("send-button")));
        JsonNode start = nextUpdate("message");
        assertThat(start.at("/message/text").asText()).isEqualTo("/start");
        assertThat(start.at("/message/from/id").asLong()).isEqualTo(42);
        assertThat(start.at("/message/from/first_name").asText()).isEqualTo("Ann");
        page.waitFor(bubbles("user") + ".some(m => m.textContent.includes('/start'))", UI_TIMEOUT);

        // the bot answers with a keyboard
        long messageId = bot.sendMessage(42, Map.of("text", "<b>Welcome</b>, Ann!", "parse_mode", "HTML",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(
                        Map.of("text", "Browse", "callback_data", "browse:1")))))).get("message_id").asLong();
        String bubble = "document.querySelector('[data-testid=\"message\"][data-message-id=\"" + messageId + "\"]')";
        page.waitFor(bubble + ".textContent.includes('Welcome, Ann!')", UI_TIMEOUT);
        assertThat(page.evaluate(bubble + ".querySelector('[data-testid=\"message-text\"] b').textContent").asText())
                .isEqualTo("Welcome");
        assertThat(page.evaluate(bubble + ".dataset.from").asText()).isEqualTo("bot");

        // the person taps the button
        page.evaluate(bubble + ".querySelector('[data-testid=\"inline-button\"]').click()");
        JsonNode callback = nextUpdate("callback_query");
        assertThat(callback.at("/callback_query/data").asText()).isEqualTo("browse:1");
        assertThat(callback.at("/callback_query/message/message_id").asLong()).isEqualTo(messageId);
        assertThat(callback.at("/callback_query/from/id").asLong()).isEqualTo(42);

        // the bot answers the tap and edits the message in place
        bot.bot("answerCallbackQuery", Map.of("callback_query_id", callback.at("/callback_query/id").asText(),
                "text", "Loading page 1…"));
        page.waitFor(testId("toast") + ".textContent.includes('Loading page 1')", UI_TIMEOUT);
        page.evaluate(bubble + ".dataset.probe = 'the same element'");
        assertThat(bot.bot("editMessageText", Map.of("chat_id", 42, "message_id", messageId,
                "text", "Page 1: <i>plumbers</i>", "parse_mode", "HTML",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(
                        Map.of("text", "Next ›", "callback_data", "browse:2"))))))
                .status()).isEqualTo(200);
        page.waitFor(bubble + ".textContent.includes('Page 1: plumbers')", UI_TIMEOUT);
        assertThat(page.evaluate(bubble + ".dataset.probe").asText()).isEqualTo("the same element");
        assertThat(page.evaluate(bubble + ".querySelector('[data-testid=\"edited-mark\"]') !== null").asBoolean())
                .isTrue();
        assertThat(page.evaluate(bubble + ".querySelector('[data-testid=\"inline-button\"]').dataset.callbackData")
                .asText()).isEqualTo("browse:2");
        assertThat(page.evaluate(bubbles("bot") + ".length").asInt()).isEqualTo(1);

        Path screenshot = page.screenshot(SCREENSHOTS.resolve("chat-page.png"));
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void blockingFromThePageMakesTheBotsSendsFail() {
        bot.userWrites(43, "/start");
        page.navigate(sandbox.baseUrl() + "/?user=43");
        page.waitFor(bubbles("user") + ".length === 1", UI_TIMEOUT);

        page.evaluate(testId("block-button") + ".click()");
        page.waitFor("!" + testId("blocked-banner") + ".hidden", UI_TIMEOUT);

        assertThat(bot.bot("sendMessage", Map.of("chat_id", 43, "text", "hello")).status()).isEqualTo(403);
        page.evaluate(testId("unblock-button") + ".click()");
        page.waitFor(testId("blocked-banner") + ".hidden", UI_TIMEOUT);
        assertThat(bot.bot("sendMessage", Map.of("chat_id", 43, "text", "hello")).status()).isEqualTo(200);
        page.waitFor(bubbles("bot") + ".length === 1", UI_TIMEOUT);
    }

    @Test
    void botTextIsRenderedWithOnlyTelegramTags() {
        bot.userWrites(44, "/start");
        bot.sendMessage(44, Map.of("text", "<img src=x onerror=\"window.pwned=1\"> plain text is never markup"));
        bot.sendMessage(44, Map.of("parse_mode", "HTML", "text", "<b>bold</b> <a href=\"javascript:window.pwned=2\">"
                + "link</a> <blockquote>quote</blockquote> &lt;script&gt;"));
        page.navigate(sandbox.baseUrl() + "/?user=44");
        page.waitFor(bubbles("bot") + ".length === 2", UI_TIMEOUT);

        String texts = "[...document.querySelectorAll('[data-testid=\"message-text\"]')]";
        assertThat(page.evaluate(texts + ".some(t => t.textContent.startsWith('<img src=x'))").asBoolean()).isTrue();
        assertThat(page.evaluate("document.querySelectorAll('.log img, .log script, .log blockquote').length").asInt())
                .isZero();
        assertThat(page.evaluate(texts + "[2].querySelector('b').textContent").asText()).isEqualTo("bold");
        assertThat(page.evaluate(texts + "[2].querySelector('a').hasAttribute('href')").asBoolean()).isFalse();
        assertThat(page.evaluate(texts + "[2].textContent").asText())
                .isEqualTo("bold link <blockquote>quote</blockquote> <script>");
        assertThat(page.evaluate("window.pwned === undefined").asBoolean()).isTrue();
    }

    /** Long-polls the sandbox as the bot does, confirming what it read, until an update of that kind comes. */
    private JsonNode nextUpdate(String kind) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(UI_TIMEOUT).until(() -> {
            for (JsonNode update : bot.bot("getUpdates", Map.of("offset", offset, "timeout", 1)).result()) {
                offset = update.get("update_id").asLong() + 1;
                if (update.has(kind)) {
                    found.add(update);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static String testId(String id) {
        return "document.querySelector('[data-testid=\"" + id + "\"]')";
    }

    private static String bubbles(String from) {
        return "[...document.querySelectorAll('[data-testid=\"message\"][data-from=\"" + from + "\"]')]";
    }
}
