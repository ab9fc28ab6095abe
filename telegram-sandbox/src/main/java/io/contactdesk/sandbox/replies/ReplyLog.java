package io.contactdesk.sandbox.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.json.Mapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each user's update was enqueued, first handed to {@code getUpdates}, and answered, for benchmarks that measure
 * a bot from outside ({@code GET /sandbox/replies}).
 *
 * <p>Which update a call answers: a callback query is answered by the {@code answerCallbackQuery} naming it; a
 * private message by the next message the bot sends or edits in that chat, provided the message had already been
 * handed to {@code getUpdates} (a bot cannot answer what it has not seen, so an edit finishing an earlier tap never
 * claims a message still waiting in the queue); a payment's pre-checkout query by the answerPreCheckoutQuery naming it. Every bot call that writes into a chat is logged, answering or not,
 * with the callback data of its inline buttons, so a load generator can tap what the bot showed.
 */
public final class ReplyLog {

    /** Bounded: a benchmark phase logs a few hundred thousand calls; past this the log starts afresh. */
    private static final int CAPACITY = 2_000_000;

    private final Clock clock;
    private final Map<Long, Opened> byUpdate = new HashMap<>();
    private final Map<Long, ArrayDeque<Opened>> messagesByChat = new HashMap<>();
    private final Map<String, Opened> callbacks = new HashMap<>();
    private final Map<String, Opened> preCheckouts = new HashMap<>();
    /** entries.get(i) has seq firstSeq + i: a read from a given seq is an index, not a scan. */
    private final ArrayList<LoggedCall> entries = new ArrayList<>();
    private long firstSeq = 1;

    public ReplyLog(Clock clock) {
        this.clock = clock;
    }

    /** A user's private message, waiting for the bot's next message in that chat. */
    public synchronized void messageOpened(long updateId, long chatId) {
        Opened opened = new Opened(updateId, chatId, micros(clock.instant()));
        byUpdate.put(updateId, opened);
        messagesByChat.computeIfAbsent(chatId, id -> new ArrayDeque<>()).add(opened);
    }

    /** A tap, waiting for the answerCallbackQuery naming {@code queryId}. */
    public synchronized void callbackOpened(long updateId, long chatId, String queryId) {
        Opened opened = new Opened(updateId, chatId, micros(clock.instant()));
        byUpdate.put(updateId, opened);
        callbacks.put(queryId, opened);
    }

    /** A payment's pre_checkout_query, waiting for the answerPreCheckoutQuery naming {@code queryId}. */
    public synchronized void preCheckoutOpened(long updateId, long chatId, String queryId) {
        Opened opened = new Opened(updateId, chatId, micros(clock.instant()));
        byUpdate.put(updateId, opened);
        preCheckouts.put(queryId, opened);
    }

    /** getUpdates handed this update out for the first time. */
    public synchronized void delivered(long updateId) {
        Opened opened = byUpdate.get(updateId);
        if (opened != null && opened.deliveredAt == 0) {
            opened.deliveredAt = micros(clock.instant());
        }
    }

    /** The bot wrote into a chat ({@code sendMessage}, an edit): logged, and the answer to a waiting message if any. */
    public synchronized void wrote(String method, long chatId, long messageId, JsonNode replyMarkup) {
        ArrayDeque<Opened> waiting = messagesByChat.get(chatId);
        Opened answered = null;
        if (waiting != null && !waiting.isEmpty() && waiting.peekFirst().deliveredAt != 0) {
            answered = waiting.pollFirst();
            byUpdate.remove(answered.updateId);
        }
        List<String> buttons = new ArrayList<>();
        if (replyMarkup != null) {
            for (JsonNode row : replyMarkup.path("inline_keyboard")) {
                for (JsonNode button : row) {
                    if (button.hasNonNull("callback_data")) {
                        buttons.add(button.get("callback_data").asText());
                    }
                }
            }
        }
        append(method, chatId, answered, messageId, buttons);
    }

    /** The bot answered a tap. */
    public synchronized void answeredCallback(String queryId) {
        Opened answered = callbacks.remove(queryId);
        if (answered != null) {
            byUpdate.remove(answered.updateId);
            append("answerCallbackQuery", answered.chatId, answered, 0, List.of());
        }
    }

    /** The bot answered a pre-checkout query in time (a refused late answer is not an answer). */
    public synchronized void answeredPreCheckout(String queryId) {
        Opened answered = preCheckouts.remove(queryId);
        if (answered != null) {
            byUpdate.remove(answered.updateId);
            append("answerPreCheckoutQuery", answered.chatId, answered, 0, List.of());
        }
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}. */
    public synchronized List<ObjectNode> after(long afterSeq, int limit) {
        List<ObjectNode> result = new ArrayList<>();
        long from = Math.max(0, afterSeq + 1 - firstSeq);
        for (long i = from; i < entries.size() && result.size() < limit; i++) {
            result.add(entries.get((int) i).toJson());
        }
        return result;
    }

    /** Forgets the log (between phases of a benchmark); sequence numbers go on, updates still waiting stay so. */
    public synchronized void clear() {
        firstSeq += entries.size();
        entries.clear();
    }

    /**
     * Forgets every update still waiting for an answer: after the queue dropped its pending updates, one that can
     * never be handed out would otherwise stand at the head of its chat and keep later answers from being matched.
     */
    public synchronized void forgetWaiting() {
        byUpdate.clear();
        messagesByChat.clear();
        callbacks.clear();
        preCheckouts.clear();
    }

    private void append(String method, long chatId, Opened answered, long messageId, List<String> buttons) {
        if (entries.size() >= CAPACITY) {
            clear();
        }
        entries.add(new LoggedCall(firstSeq + entries.size(), method, chatId, micros(clock.instant()), answered,
                messageId, buttons));
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private record LoggedCall(long seq, String method, long chatId, long at, Opened answered, long messageId,
                              List<String> buttons) {
        ObjectNode toJson() {
            ObjectNode json = Mapper.object();
            json.put("seq", seq);
            json.put("method", method);
            json.put("chat_id", chatId);
            json.put("at_us", at);
            if (answered != null) {
                json.put("update_id", answered.updateId);
                json.put("enqueued_at_us", answered.enqueuedAt);
                json.put("delivered_at_us", answered.deliveredAt);
            }
            if (messageId != 0) {
                json.put("message_id", messageId);
            }
            ArrayNode data = json.putArray("buttons");
            buttons.forEach(data::add);
            return json;
        }
    }

    private static final class Opened {
        final long updateId;
        final long chatId;
        final long enqueuedAt;
        long deliveredAt;

        Opened(long updateId, long chatId, long enqueuedAt) {
            this.updateId = updateId;
            this.chatId = chatId;
            this.enqueuedAt = enqueuedAt;
        }
    }
}
