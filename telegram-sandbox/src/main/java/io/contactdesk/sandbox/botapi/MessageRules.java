package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.chat.FormattedText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The checks Telegram applies to a message's text and reply markup before it sends anything. */
final class MessageRules {

    static final int MAX_TEXT_LENGTH = 4096;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;
    // Any one of these makes an inline button do something; a button with none is refused.
    private static final List<String> BUTTON_ACTIONS = List.of("callback_data", "url", "login_url", "web_app",
            "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "copy_text", "callback_game", "pay");

    private MessageRules() {
    }

    static FormattedText text(Params params) {
        String source = params.string("text");
        if (source == null || source.isBlank()) {
            throw BotApiErrorAnswer.badRequest("message text is empty");
        }
        String parseMode = params.string("parse_mode");
        if (parseMode != null && parseMode.isBlank()) {
            parseMode = null;
        }
        String plain = plain(source, parseMode);
        if (plain.isBlank()) {
            throw BotApiErrorAnswer.badRequest("message text is empty");
        }
        // Telegram counts the rendered text, in UTF-16 code units, after trimming.
        if (plain.strip().length() > MAX_TEXT_LENGTH) {
            throw BotApiErrorAnswer.badRequest("message is too long");
        }
        return new FormattedText(source, parseMode, plain);
    }

    private static String plain(String source, String parseMode) {
        if (parseMode == null) {
            return source;
        }
        return switch (parseMode.toLowerCase(Locale.ROOT)) {
            case "html" -> HtmlText.plain(source);
            // Markdown is accepted but not validated (nor rendered) by the sandbox.
            case "markdown", "markdownv2" -> source;
            default -> throw BotApiErrorAnswer.badRequest("unsupported parse_mode");
        };
    }

    /** @return the markup as given, or null when there is none */
    static JsonNode replyMarkup(Params params) {
        JsonNode markup = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
        if (markup == null) {
            return null;
        }
        if (!markup.isObject()) {
            throw BotApiErrorAnswer.badRequest("can't parse reply keyboard markup JSON object");
        }
        JsonNode keyboard = markup.get("inline_keyboard");
        if (keyboard != null) {
            checkInlineKeyboard(keyboard);
        }
        return markup;
    }

    private static void checkInlineKeyboard(JsonNode keyboard) {
        if (!keyboard.isArray()) {
            throw BotApiErrorAnswer.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }
        for (JsonNode row : keyboard) {
            if (!row.isArray()) {
                throw BotApiErrorAnswer.badRequest("can't parse inline keyboard button: InlineKeyboardButton must be "
                        + "an Object");
            }
            for (JsonNode button : row) {
                checkButton(button);
            }
        }
    }

    private static void checkButton(JsonNode button) {
        if (!button.isObject() || !button.path("text").isTextual()) {
            throw BotApiErrorAnswer.badRequest("can't parse inline keyboard button: Field \"text\" must be of type "
                    + "String");
        }
        JsonNode data = button.get("callback_data");
        if (data != null && !data.isNull()) {
            int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                throw BotApiErrorAnswer.badRequest("BUTTON_DATA_INVALID");
            }
            return;
        }
        if (BUTTON_ACTIONS.stream().noneMatch(action -> button.has(action) && !button.get(action).isNull())) {
            throw BotApiErrorAnswer.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the "
                    + "inline keyboard");
        }
    }
}
