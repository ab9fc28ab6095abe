package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.contactdesk.sandbox.chat.ChatException;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.FormattedText;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.json.TelegramObjects;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** The methods that write into a chat: send, edit, delete, chat action. */
final class MessageMethods {

    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");

    private final ChatStore chats;
    private final TelegramFloodLimiter flood;
    private final TelegramObjects objects;
    private final Faults faults;

    MessageMethods(ChatStore chats, TelegramFloodLimiter flood, TelegramObjects objects, Faults faults) {
        this.chats = chats;
        this.flood = flood;
        this.objects = objects;
        this.faults = faults;
    }

    Map<String, BotMethod> methods() {
        Map<String, BotMethod> methods = new LinkedHashMap<>();
        methods.put("sendMessage", this::sendMessage);
        methods.put("editMessageText", this::editMessageText);
        methods.put("editMessageReplyMarkup", this::editMessageReplyMarkup);
        methods.put("deleteMessage", this::deleteMessage);
        methods.put("sendChatAction", this::sendChatAction);
        return methods;
    }

    private JsonNode sendMessage(Params params) throws InterruptedException {
        long chatId = params.chatId();
        FormattedText text = MessageRules.text(params);
        JsonNode markup = MessageRules.replyMarkup(params);
        chats.reachable(chatId);
        // Only calls that would really send count against (and are refused by) the flood limits.
        throttle(chatId);
        SentMessage sent = chats.send(chatId, text, markup);
        RecordFault effect = faults.nextRecording().orElse(null);
        if (effect == RecordFault.SWALLOW) {
            chats.forget(chatId, sent.messageId());
        } else if (effect == RecordFault.DUPLICATE) {
            chats.send(chatId, text, markup);
        } else if (effect == RecordFault.LATE) {
            Thread.sleep(faults.lateMillis());
        }
        return objects.sent(sent, chats.chat(chatId));
    }

    private JsonNode editMessageText(Params params) {
        MessageRef ref = messageRef(params);
        FormattedText text = MessageRules.text(params);
        JsonNode markup = MessageRules.replyMarkup(params);
        return edit(ref, current -> text, markup);
    }

    private JsonNode editMessageReplyMarkup(Params params) {
        MessageRef ref = messageRef(params);
        JsonNode markup = MessageRules.replyMarkup(params);
        return edit(ref, current -> new FormattedText(current.text(), current.parseMode(), current.plainText()),
                markup);
    }

    /** Leaving reply_markup out of an edit removes the keyboard, as in Telegram. */
    private JsonNode edit(MessageRef ref, Function<SentMessage, FormattedText> newText,
                          JsonNode markup) {
        try {
            SentMessage current = chats.message(ref.chatId(), ref.messageId());
            chats.reachable(ref.chatId());
            refuseUnchanged(current, newText.apply(current), markup);
            throttle(ref.chatId());
            SentMessage edited = chats.update(ref.chatId(), ref.messageId(), latest -> {
                FormattedText text = newText.apply(latest);
                refuseUnchanged(latest, text, markup);
                return latest.edited(text, markup, chats.now());
            });
            return objects.sent(edited, chats.chat(ref.chatId()));
        } catch (ChatException e) {
            if (e.reason() == ChatException.ChatRefusal.MESSAGE_NOT_FOUND) {
                throw BotApiErrorAnswer.badRequest("message to edit not found");
            }
            throw e;
        }
    }

    private static void refuseUnchanged(SentMessage current, FormattedText text, JsonNode markup) {
        if (current.looksLike(text, markup)) {
            throw BotApiErrorAnswer.badRequest("message is not modified: specified new message content and reply "
                    + "markup are exactly the same as a current content and reply markup of the message");
        }
    }

    private JsonNode deleteMessage(Params params) {
        long chatId = params.chatId();
        long messageId = params.requiredLong("message_id");
        try {
            chats.update(chatId, messageId, SentMessage::asDeleted);
            return BooleanNode.TRUE;
        } catch (ChatException e) {
            if (e.reason() == ChatException.ChatRefusal.MESSAGE_NOT_FOUND) {
                throw BotApiErrorAnswer.badRequest("message to delete not found");
            }
            throw e;
        }
    }

    private JsonNode sendChatAction(Params params) {
        long chatId = params.chatId();
        String action = params.string("action");
        if (action == null || !CHAT_ACTIONS.contains(action)) {
            throw BotApiErrorAnswer.badRequest("wrong parameter action in request");
        }
        chats.reachable(chatId);
        return BooleanNode.TRUE;
    }

    private MessageRef messageRef(Params params) {
        // Inline-mode messages do not exist in the sandbox.
        if (!params.has("chat_id") && params.has("inline_message_id")) {
            throw BotApiErrorAnswer.badRequest("message to edit not found");
        }
        return new MessageRef(params.chatId(), params.requiredLong("message_id"));
    }

    private void throttle(long chatId) {
        OptionalLong retryAfter = flood.acquire(chatId);
        if (retryAfter.isPresent()) {
            throw BotApiErrorAnswer.tooManyRequests(retryAfter.getAsLong());
        }
    }

    private record MessageRef(long chatId, long messageId) {
    }
}
