package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatException;
import io.contactdesk.sandbox.chat.ChatInfo;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.IncomingMessage;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.chat.SimulatedUser;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.payments.Payments;
import io.contactdesk.sandbox.replies.ReplyLog;
import io.contactdesk.sandbox.updates.UpdateQueue;
import java.util.Optional;

/** What a simulated user does in the Telegram app, turned into chat state and pending updates. */
final class UserSimulator {

    private static final int MAX_TEXT_LENGTH = 4096;

    private final ChatStore chats;
    private final UpdateQueue updates;
    private final CallbackQueries callbackQueries;
    private final TelegramObjects objects;
    private final ReplyLog replies;
    private final Payments payments;

    UserSimulator(ChatStore chats, UpdateQueue updates, CallbackQueries callbackQueries, TelegramObjects objects,
                  ReplyLog replies, Payments payments) {
        this.replies = replies;
        this.payments = payments;
        this.chats = chats;
        this.updates = updates;
        this.callbackQueries = callbackQueries;
        this.objects = objects;
    }

    /** A message in the user's private chat with the bot, or in the group or channel given as "chat". */
    ObjectNode writes(long userId, ControlInput input) {
        String text = text(input);
        ChatInfo group = group(input.optionalObject("chat"));
        IncomingMessage message = chats.userWrote(userId, input.optionalText("first_name"),
                input.optionalText("username"), input.optionalText("language_code"), group, text);
        // Opened before the update is visible, so that a fast bot cannot answer it unseen by the log.
        long updateId = updates.add(message.chat().isChannel() ? "channel_post" : "message", objects.incoming(message),
                id -> {
                    if (group == null) {
                        replies.messageOpened(id, userId);
                    }
                });
        return answer(updateId, message);
    }

    /** What {@link #writes} refuses, checked without queuing anything (for a batch). */
    void checkMessage(ControlInput input) {
        text(input);
        group(input.optionalObject("chat"));
    }

    /** What {@link #pressesButton} refuses, checked without queuing anything (for a batch). */
    void checkTap(long userId, ControlInput input) {
        long messageId = input.requiredLong("message_id");
        input.requiredText("data");
        try {
            chats.message(userId, messageId);
            chats.user(userId);
        } catch (ChatException e) {
            throw ControlException.notFound("the bot has no message " + messageId + " in the chat with " + userId);
        }
    }

    /** The user edits their own earlier message ("chat_id" when it is not in their private chat). */
    ObjectNode edits(long userId, long messageId, ControlInput input) {
        String text = text(input);
        Long chatId = input.optionalLong("chat_id");
        IncomingMessage edited;
        try {
            edited = chats.userEdited(userId, chatId == null ? userId : chatId, messageId, text);
        } catch (ChatException e) {
            throw ControlException.notFound("user " + userId + " wrote no message " + messageId + " in chat "
                    + (chatId == null ? userId : chatId));
        }
        long updateId = updates.add(edited.chat().isChannel() ? "edited_channel_post" : "edited_message",
                objects.incoming(edited));
        return answer(updateId, edited);
    }

    ObjectNode pressesButton(long userId, ControlInput input) {
        long messageId = input.requiredLong("message_id");
        String data = input.requiredText("data");
        SentMessage message;
        SimulatedUser user;
        try {
            message = chats.message(userId, messageId);
            user = chats.user(userId);
        } catch (ChatException e) {
            throw ControlException.notFound("the bot has no message " + messageId + " in the chat with " + userId);
        }
        String queryId = callbackQueries.open(userId);
        long updateId = updates.add("callback_query",
                objects.callbackQuery(queryId, user, chats.chat(userId), message, data),
                id -> replies.callbackOpened(id, userId, queryId));
        ObjectNode answer = Mapper.object();
        answer.put("update_id", updateId);
        answer.put("callback_query_id", queryId);
        return answer;
    }

    /**
     * The user taps Pay on an invoice: Telegram sends the bot a pre_checkout_query and waits up to 10 s for its answer;
     * accepted, it charges the user and sends the successful_payment message. With "charge_id", an earlier payment's
     * successful_payment is delivered again (as Telegram may), under a new update id.
     */
    ObjectNode pays(long userId, ControlInput input) throws InterruptedException {
        long messageId = input.requiredLong("message_id");
        String languageCode = input.optionalText("language_code");
        SimulatedUser user;
        try {
            user = chats.user(userId);
        } catch (ChatException e) {
            throw ControlException.notFound("user " + userId + " never wrote to the bot");
        }
        Payments.Invoice invoice = payments.invoice(userId, messageId).orElseThrow(() ->
                ControlException.notFound("the bot sent no invoice " + messageId + " to " + userId));
        if (languageCode != null) {
            user = chats.userSeenAs(userId, languageCode);
        }
        ObjectNode answer = Mapper.object();
        String again = input.optionalText("charge_id");
        Payments.Charge charge;
        if (again != null) {
            charge = payments.charge(again).filter(c -> c.userId() == userId && c.invoice().equals(invoice))
                    .orElseThrow(() -> ControlException.notFound("no charge " + again + " of invoice " + messageId));
        } else {
            String queryId = payments.openQuery(userId, invoice);
            answer.put("pre_checkout_query_id", queryId);
            answer.put("pre_checkout_update_id", updates.add("pre_checkout_query",
                    objects.preCheckoutQuery(queryId, user, invoice), id -> replies.preCheckoutOpened(id, userId, queryId)));
            Optional<Payments.PreCheckoutAnswer> verdict = payments.awaitAnswer(queryId);
            if (verdict.isEmpty()) {
                return answer.put("status", "timed_out");
            }
            if (!verdict.get().ok()) {
                return answer.put("status", "declined").put("error_message", verdict.get().errorMessage());
            }
            charge = payments.charge(userId, invoice);
        }
        long paymentMessage = chats.userServiceMessage(userId);
        answer.put("charge_id", charge.chargeId());
        answer.put("status", "paid");
        answer.put("update_id", updates.add("message",
                objects.successfulPayment(user, chats.chat(userId), paymentMessage, charge)));
        return answer;
    }

    /** Telegram tells the bot with a my_chat_member update, but only when the state really changes. */
    ObjectNode blocks(long userId, boolean blocked) {
        boolean changed = chats.setBlocked(userId, blocked);
        ObjectNode answer = Mapper.object();
        answer.put("user_id", userId);
        answer.put("blocked", blocked);
        if (changed) {
            answer.put("update_id", updates.add("my_chat_member", objects.botMembershipChanged(chats.chat(userId),
                    chats.user(userId), chats.now(), blocked)));
        }
        return answer;
    }

    private static String text(ControlInput input) {
        String text = input.requiredText("text");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ControlException.badRequest("a Telegram user cannot send more than 4096 characters");
        }
        return text;
    }

    private static ChatInfo group(ControlInput chat) {
        if (chat == null) {
            return null;
        }
        try {
            return ChatInfo.group(chat.requiredLong("id"), chat.requiredText("type"), chat.optionalText("title"));
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest("\"chat\": " + e.getMessage());
        }
    }

    private static ObjectNode answer(long updateId, IncomingMessage message) {
        ObjectNode answer = Mapper.object();
        answer.put("update_id", updateId);
        answer.put("message_id", message.messageId());
        answer.put("chat_id", message.chat().id());
        return answer;
    }
}
