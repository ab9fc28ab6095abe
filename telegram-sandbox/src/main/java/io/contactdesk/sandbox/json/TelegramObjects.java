package io.contactdesk.sandbox.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.BotIdentity;
import io.contactdesk.sandbox.chat.IncomingMessage;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.chat.UserProfile;

import java.time.Instant;

/** Renders sandbox state as the Bot API's JSON objects (User, Chat, Message, CallbackQuery). */
public final class TelegramObjects {

    private final BotIdentity bot;

    public TelegramObjects(BotIdentity bot) {
        this.bot = bot;
    }

    public ObjectNode me() {
        ObjectNode me = botUser();
        me.put("can_join_groups", false);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        return me;
    }

    public ObjectNode botUser() {
        ObjectNode user = Mapper.object();
        user.put("id", bot.id());
        user.put("is_bot", true);
        user.put("first_name", bot.firstName());
        user.put("username", bot.username());
        return user;
    }

    public ObjectNode user(UserProfile profile) {
        ObjectNode user = Mapper.object();
        user.put("id", profile.id());
        user.put("is_bot", false);
        user.put("first_name", profile.firstName());
        user.put("username", profile.username());
        user.put("language_code", profile.languageCode());
        return user;
    }

    public ObjectNode privateChat(UserProfile profile) {
        ObjectNode chat = Mapper.object();
        chat.put("id", profile.id());
        chat.put("type", "private");
        chat.put("first_name", profile.firstName());
        chat.put("username", profile.username());
        return chat;
    }

    public ObjectNode incoming(IncomingMessage in) {
        ObjectNode message = Mapper.object();
        message.put("message_id", in.messageId());
        message.set("from", user(in.from()));
        message.set("chat", privateChat(in.from()));
        message.put("date", unix(in.date()));
        message.put("text", in.text());
        if (in.text().startsWith("/")) {
            // Bots route on this entity rather than on the raw text, so it must be there like Telegram's.
            ObjectNode command = message.putArray("entities").addObject();
            command.put("type", "bot_command");
            command.put("offset", 0);
            command.put("length", commandLength(in.text()));
        }
        return message;
    }

    public ObjectNode sent(SentMessage sent, UserProfile chatUser) {
        ObjectNode message = Mapper.object();
        message.put("message_id", sent.messageId());
        message.set("from", botUser());
        message.set("chat", privateChat(chatUser));
        message.put("date", unix(sent.sentAt()));
        if (sent.editedAt() != null) {
            message.put("edit_date", unix(sent.editedAt()));
        }
        message.put("text", sent.plainText());
        // Telegram echoes only inline keyboards; reply keyboards are not part of the Message.
        JsonNode markup = sent.replyMarkup();
        if (markup != null && markup.has("inline_keyboard")) {
            message.set("reply_markup", markup.deepCopy());
        }
        return message;
    }

    public ObjectNode callbackQuery(String id, UserProfile from, SentMessage on, String data) {
        ObjectNode query = Mapper.object();
        query.put("id", id);
        query.set("from", user(from));
        query.set("message", sent(on, from));
        // Stable per (bot, chat), as Telegram's, so bots may use it for per-chat game scores and the like.
        query.put("chat_instance", Long.toString(Math.abs(31 * bot.id() + from.id()) * 7919L));
        query.put("data", data);
        return query;
    }

    private static long unix(Instant at) {
        return at.getEpochSecond();
    }

    /** The command token ends at the first whitespace; length counts UTF-16 units, as Telegram's offsets do. */
    private static int commandLength(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
