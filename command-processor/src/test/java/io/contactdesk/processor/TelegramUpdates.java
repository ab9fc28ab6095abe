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
        message.put("chat", chat(userId));
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
        Map<String, Object> tapped = new LinkedHashMap<>();
        tapped.put("message_id", messageId);
        tapped.put("chat", chat(userId));
        tapped.put("date", 1_764_000_000);
        tapped.put("text", "earlier");
        query.put("message", tapped);
        query.put("chat_instance", "ci");
        query.put("data", data);
        return write(Map.of("update_id", updateId, "callback_query", query));
    }

    /** Field order fixed (id first), so tests can rewrite the JSON text predictably. */
    private static Map<String, Object> chat(long userId) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", userId);
        chat.put("type", "private");
        chat.put("first_name", "Ada");
        return chat;
    }

    private static Map<String, Object> from(long userId) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", "Ada");
        from.put("username", "ada");
        from.put("language_code", "en");
        return from;
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
