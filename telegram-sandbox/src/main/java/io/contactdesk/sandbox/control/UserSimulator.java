package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatException;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.IncomingMessage;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.chat.UserProfile;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.updates.UpdateQueue;

/** What a simulated user does in the Telegram app, turned into chat state and pending updates. */
final class UserSimulator {

    private static final int MAX_TEXT_LENGTH = 4096;

    private final ChatStore chats;
    private final UpdateQueue updates;
    private final CallbackQueries callbackQueries;
    private final TelegramObjects objects;

    UserSimulator(ChatStore chats, UpdateQueue updates, CallbackQueries callbackQueries, TelegramObjects objects) {
        this.chats = chats;
        this.updates = updates;
        this.callbackQueries = callbackQueries;
        this.objects = objects;
    }

    ObjectNode writes(long userId, ControlInput input) {
        String text = input.requiredText("text");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ControlException.badRequest("a Telegram user cannot send more than 4096 characters");
        }
        IncomingMessage message = chats.userWrote(userId, input.optionalText("first_name"),
                input.optionalText("username"), input.optionalText("language_code"), text);
        long updateId = updates.add("message", objects.incoming(message));
        ObjectNode answer = Mapper.object();
        answer.put("update_id", updateId);
        answer.put("message_id", message.messageId());
        return answer;
    }

    ObjectNode pressesButton(long userId, ControlInput input) {
        long messageId = input.requiredLong("message_id");
        String data = input.requiredText("data");
        SentMessage message;
        UserProfile user;
        try {
            message = chats.message(userId, messageId);
            user = chats.user(userId);
        } catch (ChatException e) {
            throw ControlException.notFound("the bot has no message " + messageId + " in the chat with " + userId);
        }
        String queryId = callbackQueries.open(userId);
        long updateId = updates.add("callback_query", objects.callbackQuery(queryId, user, message, data));
        ObjectNode answer = Mapper.object();
        answer.put("update_id", updateId);
        answer.put("callback_query_id", queryId);
        return answer;
    }

    ObjectNode blocks(long userId, boolean blocked) {
        chats.setBlocked(userId, blocked);
        ObjectNode answer = Mapper.object();
        answer.put("user_id", userId);
        answer.put("blocked", blocked);
        return answer;
    }
}
