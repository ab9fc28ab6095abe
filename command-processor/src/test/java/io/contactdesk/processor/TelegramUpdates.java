package io.contactdesk.processor;

import io.contactdesk.contracts.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Update JSON as the Bot API sends it, for tests. */
public final class TelegramUpdates {

    private TelegramUpdates() {
    }

    public static String message(long updateId, long userId, String text) {
        Map<String, Object> from = from(userId);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", updateId + 1000);
        message.put("from", from);
        message.put("chat", Map.of("id", userId, "type", "private", "first_name", "Ada"));
        message.put("date", 1_764_000_000);
        message.put("text", text);
        if (text.startsWith("/")) {
            message.put("entities", List.of(Map.of("type", "bot_command", "offset", 0, "length", text.split(" ")[0].length())));
        }
        return write(Map.of("update_id", updateId, "message", message));
    }

    public static String callback(long updateId, long userId, long messageId, String data) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("id", "cb-" + updateId);
        query.put("from", from(userId));
        query.put("message", Map.of("message_id", messageId, "chat", Map.of("id", userId, "type", "private"),
                "date", 1_764_000_000, "text", "earlier"));
        query.put("chat_instance", "ci");
        query.put("data", data);
        return write(Map.of("update_id", updateId, "callback_query", query));
    }

    private static Map<String, Object> from(long userId) {
        return Map.of("id", userId, "is_bot", false, "first_name", "Ada", "username", "ada", "language_code", "en");
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
