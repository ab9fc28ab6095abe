package io.contactdesk.processor;

import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Update JSON as the Bot API sends it, for tests. */
public final class TelegramUpdates {

    public static final long BOT_ID = 7_000_000_001L;

    private TelegramUpdates() {
    }

    public static String message(long updateId, long userId, String text) {
        return message(updateId, userId, "en", text);
    }

    /** A message from a user whose Telegram client reports {@code languageCode} (null: the field left out). */
    public static String message(long updateId, long userId, String languageCode, String text) {
        Map<String, Object> from = from(userId);
        if (languageCode == null) {
            from.remove("language_code");
        } else {
            from.put("language_code", languageCode);
        }
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

    /** A message in a group or supergroup ({@code chatId} negative), from a person unless {@code fromBot}. */
    public static String groupMessage(long updateId, long chatId, String type, long userId, boolean fromBot, String text) {
        Map<String, Object> from = from(userId);
        from.put("is_bot", fromBot);
        return groupMessage(updateId, chatId, type, from, text);
    }

    /** A person's text in a supergroup, from a Telegram client that reports {@code languageCode}. */
    public static String groupMessage(long updateId, long chatId, long userId, String languageCode, String text) {
        Map<String, Object> from = from(userId);
        from.put("language_code", languageCode);
        return groupMessage(updateId, chatId, "supergroup", from, text);
    }

    private static String groupMessage(long updateId, long chatId, String type, Map<String, Object> from, String text) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", chatId);
        chat.put("type", type);
        chat.put("title", "Neighbours");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", updateId + 1000);
        message.put("from", from);
        message.put("chat", chat);
        message.put("date", 1_764_000_000);
        if (text != null) {
            message.put("text", text);
        }
        return write(Map.of("update_id", updateId, "message", message));
    }

    /** {@code my_chat_member} in the user's private chat: {@code kicked} when they block the bot, {@code member} after. */
    public static String myChatMember(long updateId, long userId, String oldStatus, String newStatus) {
        return write(Map.of("update_id", updateId, "my_chat_member",
                chatMemberUpdated(chat(userId), from(userId), oldStatus, newStatus)));
    }

    /** {@code my_chat_member} in a group: the bot (@contactdesk_bot) added by a user. */
    public static String botAddedToGroup(long updateId, long chatId, long byUser) {
        return botAddedToGroup(updateId, chatId, byUser, "en");
    }

    /** {@code my_chat_member} in a group: the bot added by a user whose Telegram client reports {@code languageCode}. */
    public static String botAddedToGroup(long updateId, long chatId, long byUser, String languageCode) {
        Map<String, Object> by = from(byUser);
        by.put("language_code", languageCode);
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", chatId);
        chat.put("type", "group");
        chat.put("title", "Neighbours");
        return write(Map.of("update_id", updateId, "my_chat_member",
                chatMemberUpdated(chat, by, "left", "member")));
    }

    /** The record the ingress publishes for {@code update}: sealed with the test keyring, in epoch 0, under its own id. */
    public static String sealed(String update) {
        long updateId;
        try {
            updateId = Json.mapper().readTree(update).get("update_id").asLong();
        } catch (Exception e) {
            throw new IllegalArgumentException("not an Update with an update_id", e);
        }
        return new SealedUpdates(TestRules.cipher()).seal(updateId, update);
    }

    /** {@code pre_checkout_query} for an invoice of {@code stars} Stars with {@code payload}. */
    public static String preCheckout(long updateId, long userId, String queryId, long stars, String payload) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("id", queryId);
        query.put("from", from(userId));
        query.put("currency", "XTR");
        query.put("total_amount", stars);
        query.put("invoice_payload", payload);
        return write(Map.of("update_id", updateId, "pre_checkout_query", query));
    }

    /** The service message Telegram sends once it charged the user: {@code successful_payment} in the private chat. */
    public static String successfulPayment(long updateId, long userId, String chargeId, long stars, String payload) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("currency", "XTR");
        payment.put("total_amount", stars);
        payment.put("invoice_payload", payload);
        payment.put("telegram_payment_charge_id", chargeId);
        payment.put("provider_payment_charge_id", "");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", updateId + 1000);
        message.put("from", from(userId));
        message.put("chat", chat(userId));
        message.put("date", 1_764_000_000);
        message.put("successful_payment", payment);
        return write(Map.of("update_id", updateId, "message", message));
    }

    /** An update of a type the bot does not act on, with {@code body} as its content. */
    public static String ofType(long updateId, String type, Map<String, Object> body) {
        return write(Map.of("update_id", updateId, type, body));
    }

    private static Map<String, Object> chatMemberUpdated(Map<String, Object> chat, Map<String, Object> from,
                                                         String oldStatus, String newStatus) {
        Map<String, Object> bot = new LinkedHashMap<>();
        bot.put("id", BOT_ID);
        bot.put("is_bot", true);
        bot.put("first_name", "contactdesk");
        bot.put("username", "contactdesk_bot");
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("chat", chat);
        change.put("from", from);
        change.put("date", 1_764_000_000);
        change.put("old_chat_member", member(bot, oldStatus));
        change.put("new_chat_member", member(bot, newStatus));
        return change;
    }

    private static Map<String, Object> member(Map<String, Object> bot, String status) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("status", status);
        member.put("user", bot);
        if (status.equals("kicked")) {
            member.put("until_date", 0);
        }
        return member;
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
