package io.contactdesk.sandbox.chat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The private chats between simulated users and the bot.
 *
 * <p>One monitor guards everything: the sandbox serves tests and benchmarks on one machine, where
 * a coarse lock is far cheaper than the HTTP around it, and it keeps message-id order obvious.
 */
public final class ChatStore {

    private final Map<Long, Chat> chats = new HashMap<>();
    private final Clock clock;

    public ChatStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized IncomingMessage userWrote(long userId, String firstName, String username,
                                                  String languageCode, String text) {
        Chat chat = chats.computeIfAbsent(userId, Chat::new);
        chat.user = chat.user.with(firstName, username, languageCode);
        IncomingMessage message = new IncomingMessage(chat.user, ++chat.lastMessageId, clock.instant(), text);
        chat.received.add(message);
        return message;
    }

    /** Blocking makes the user known: only someone who had opened the bot can block it. */
    public synchronized void setBlocked(long userId, boolean blocked) {
        chats.computeIfAbsent(userId, Chat::new).blocked = blocked;
    }

    /** The chat's user, when the bot may write there now. */
    public synchronized UserProfile reachable(long chatId) {
        return reachableChat(chatId).user;
    }

    public synchronized UserProfile user(long chatId) {
        return known(chatId).user;
    }

    public synchronized SentMessage send(long chatId, FormattedText text, JsonNode replyMarkup) {
        Chat chat = reachableChat(chatId);
        SentMessage message = SentMessage.sent(chatId, ++chat.lastMessageId, text, replyMarkup, clock.instant());
        chat.sent.put(message.messageId(), message);
        return message;
    }

    /** The bot's live (not deleted) message; reading it does not require the chat to be reachable. */
    public synchronized SentMessage message(long chatId, long messageId) {
        SentMessage message = known(chatId).sent.get(messageId);
        if (message == null || message.deleted()) {
            throw new ChatException(ChatException.Reason.MESSAGE_NOT_FOUND);
        }
        return message;
    }

    /**
     * Replaces a live message atomically.
     *
     * @param change may throw to refuse the change; the message then stays as it was
     */
    public synchronized SentMessage update(long chatId, long messageId, UnaryOperator<SentMessage> change) {
        Chat chat = reachableChat(chatId);
        SentMessage changed = change.apply(message(chatId, messageId));
        chat.sent.put(messageId, changed);
        return changed;
    }

    public synchronized List<SentMessage> sentTo(long chatId) {
        Chat chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.sent.values());
    }

    /** Both directions of the chat as the user's app shows it; empty for a chat nobody opened yet. */
    public synchronized ChatHistory history(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            return new ChatHistory(false, List.of(), List.of());
        }
        return new ChatHistory(chat.blocked, List.copyOf(chat.received), List.copyOf(chat.sent.values()));
    }

    public synchronized void answered(long chatId, CallbackAnswer answer) {
        known(chatId).answers.add(answer);
    }

    public synchronized List<CallbackAnswer> answers(long chatId) {
        Chat chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.answers);
    }

    public Instant now() {
        return clock.instant();
    }

    private Chat known(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            throw new ChatException(ChatException.Reason.CHAT_NOT_FOUND);
        }
        return chat;
    }

    private Chat reachableChat(long chatId) {
        Chat chat = known(chatId);
        if (chat.blocked) {
            throw new ChatException(ChatException.Reason.BLOCKED);
        }
        return chat;
    }

    /** Mutable on purpose, and only ever touched under the store's monitor. */
    private static final class Chat {
        UserProfile user;
        boolean blocked;
        // Telegram numbers the user's and the bot's messages of a private chat in one sequence.
        long lastMessageId;
        final Map<Long, SentMessage> sent = new LinkedHashMap<>();
        // Kept for the chat page, which shows the user's own side of the conversation too.
        final List<IncomingMessage> received = new ArrayList<>();
        final List<CallbackAnswer> answers = new ArrayList<>();

        Chat(long id) {
            this.user = UserProfile.initial(id);
        }
    }
}
