package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.CallbackAnswer;
import io.contactdesk.sandbox.chat.ChatHistory;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.chat.IncomingMessage;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.flood.FloodRefusal;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.spec.SpecViolation;
import io.contactdesk.sandbox.spec.SpecViolationLog;
import io.contactdesk.sandbox.stats.Stats;
import io.contactdesk.sandbox.updates.UpdateQueue;
import java.time.Instant;
import java.util.Iterator;

/** Read-only views for tests and the chat page: what happened in a chat, and the counters. */
final class ControlViews {

    private final ChatStore chats;
    private final UpdateQueue updates;
    private final Stats stats;
    private final TelegramFloodLimiter flood;
    private final SpecViolationLog violations;

    ControlViews(ChatStore chats, UpdateQueue updates, Stats stats, SpecViolationLog violations,
            TelegramFloodLimiter flood) {
        this.flood = flood;
        this.chats = chats;
        this.updates = updates;
        this.stats = stats;
        this.violations = violations;
    }

    ArrayNode messages(long chatId) {
        ArrayNode list = Mapper.get().createArrayNode();
        for (SentMessage message : chats.sentTo(chatId)) {
            putSent(list.addObject(), message);
        }
        return list;
    }

    /** Both sides of the chat merged in message-id order, for the chat page: {@code from} is "user" or "bot". */
    ObjectNode history(long chatId) {
        ChatHistory history = chats.history(chatId);
        ObjectNode json = Mapper.object();
        json.put("chat_id", chatId);
        json.put("blocked", history.blocked());
        ArrayNode list = json.putArray("messages");
        Iterator<IncomingMessage> received = history.received().iterator();
        Iterator<SentMessage> sent = history.sent().iterator();
        IncomingMessage nextReceived = next(received);
        SentMessage nextSent = next(sent);
        while (nextReceived != null || nextSent != null) {
            if (nextSent == null || (nextReceived != null && nextReceived.messageId() < nextSent.messageId())) {
                putReceived(list.addObject(), nextReceived);
                nextReceived = next(received);
            } else {
                ObjectNode item = list.addObject().put("from", "bot");
                putSent(item, nextSent);
                item.put("plain_text", nextSent.plainText());
                nextSent = next(sent);
            }
        }
        return json;
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
        json.put("spec_violations", violations.total());
        ObjectNode injected = json.putObject("faults_injected");
        stats.injectedFaults().forEach((status, count) -> injected.put(Integer.toString(status), count));
        return json;
    }

    /** The latest calls the flood limits refused with 429 (not injected faults), oldest first. */
    ArrayNode floodRefusals() {
        ArrayNode list = Mapper.get().createArrayNode();
        for (FloodRefusal refusal : flood.refusals()) {
            list.addObject()
                    .put("at", refusal.at().toString())
                    .put("chat_id", refusal.chatId())
                    .put("limit", refusal.limit())
                    .put("retry_after", refusal.retryAfter());
        }
        return list;
    }

    /** The latest requests that broke the published Bot API, oldest first (see {@link SpecViolationLog#KEPT}). */
    ArrayNode specViolations() {
        ArrayNode list = Mapper.get().createArrayNode();
        for (SpecViolation violation : violations.latest()) {
            list.addObject()
                    .put("method", violation.method())
                    .put("parameter", violation.parameter())
                    .put("problem", violation.problem());
        }
        return list;
    }

    private static void putSent(ObjectNode item, SentMessage message) {
        item.put("message_id", message.messageId());
        item.put("text", message.text());
        item.put("parse_mode", message.parseMode());
        item.set("reply_markup", message.replyMarkup());
        item.put("sent_at", iso(message.sentAt()));
        item.put("edited_at", iso(message.editedAt()));
        item.put("edits", message.edits());
        item.put("deleted", message.deleted());
    }

    /** Same fields as a bot message, so the page renders both with one code path. */
    private static void putReceived(ObjectNode item, IncomingMessage message) {
        item.put("from", "user");
        item.put("user_id", message.from().id());
        item.put("message_id", message.messageId());
        item.put("text", message.text());
        item.putNull("parse_mode");
        item.put("plain_text", message.text());
        item.putNull("reply_markup");
        item.put("sent_at", iso(message.date()));
        item.put("edited_at", iso(message.editDate()));
        item.put("edits", message.edits());
        item.put("deleted", false);
    }

    private static <T> T next(Iterator<T> items) {
        return items.hasNext() ? items.next() : null;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
