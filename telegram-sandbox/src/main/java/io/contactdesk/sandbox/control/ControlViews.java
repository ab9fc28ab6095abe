package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.CallbackAnswer;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.stats.Stats;
import io.contactdesk.sandbox.updates.UpdateQueue;

import java.time.Instant;

/** Read-only views for tests: what the bot did in a chat, and the counters. */
final class ControlViews {

    private final ChatStore chats;
    private final UpdateQueue updates;
    private final Stats stats;

    ControlViews(ChatStore chats, UpdateQueue updates, Stats stats) {
        this.chats = chats;
        this.updates = updates;
        this.stats = stats;
    }

    ArrayNode messages(long chatId) {
        ArrayNode list = Mapper.get().createArrayNode();
        for (SentMessage message : chats.sentTo(chatId)) {
            ObjectNode item = list.addObject();
            item.put("message_id", message.messageId());
            item.put("text", message.text());
            item.put("parse_mode", message.parseMode());
            item.set("reply_markup", message.replyMarkup());
            item.put("sent_at", iso(message.sentAt()));
            item.put("edited_at", iso(message.editedAt()));
            item.put("edits", message.edits());
            item.put("deleted", message.deleted());
        }
        return list;
    }

    ArrayNode callbackAnswers(long chatId) {
        ArrayNode list = Mapper.get().createArrayNode();
        for (CallbackAnswer answer : chats.answers(chatId)) {
            ObjectNode item = list.addObject();
            item.put("callback_query_id", answer.callbackQueryId());
            item.put("text", answer.text());
            item.put("show_alert", answer.showAlert());
        }
        return list;
    }

    ObjectNode stats() {
        Stats.Snapshot snapshot = stats.snapshot(updates.size());
        ObjectNode json = Mapper.object();
        ObjectNode calls = json.putObject("calls");
        snapshot.calls().forEach(calls::put);
        json.put("too_many_requests", snapshot.tooManyRequests());
        json.put("forbidden", snapshot.forbidden());
        json.put("updates_pending", snapshot.updatesPending());
        json.put("updates_delivered", snapshot.updatesDelivered());
        return json;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
