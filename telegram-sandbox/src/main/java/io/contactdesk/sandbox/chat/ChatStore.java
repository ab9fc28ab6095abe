package io.contactdesk.sandbox.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The chats the bot is in: private chats with simulated users (chat id = user id) and the groups and channels they
 * write in (negative ids).
 *
 * <p>One monitor guards everything: the sandbox serves tests and benchmarks on one machine, where
 * a coarse lock is far cheaper than the HTTP around it, and it keeps message-id order obvious.
 */
public final class ChatStore {

    private final Map<Long, StoredChat> chats = new HashMap<>();
    private final Map<Long, SimulatedUser> users = new HashMap<>();
    private final Clock clock;
    /** Per chat and direction, and for callback answers; 0 keeps everything. */
    private final int keptPerChat;

    public ChatStore(Clock clock) {
        this(clock, 0);
    }

    /** @param keptPerChat how many messages of each direction (and callback answers) a chat keeps, 0 for all */
    public ChatStore(Clock clock, int keptPerChat) {
        this.clock = clock;
        this.keptPerChat = keptPerChat;
    }

    /**
     * A user writes in their private chat with the bot, or in {@code group} when it is not null; the group becomes
     * known (or its title and type are updated), so that the bot can write there too.
     */
    public synchronized IncomingMessage userWrote(long userId, String firstName, String username,
                                                  String languageCode, ChatInfo group, String text) {
        SimulatedUser user = users.computeIfAbsent(userId, SimulatedUser::initial).with(firstName, username, languageCode);
        users.put(userId, user);
        StoredChat chat = group == null ? privateChat(userId)
                : chats.computeIfAbsent(group.id(), id -> new StoredChat(id, group));
        if (group != null) {
            chat.group = group;
        }
        IncomingMessage message = new IncomingMessage(user, info(chat), ++chat.lastMessageId, clock.instant(), text,
                null, 0);
        chat.received.put(message.messageId(), message);
        trim(chat.received.values());
        return message;
    }

    /** The user's app now reports another language (a control call may set it on any action). */
    public synchronized SimulatedUser userSeenAs(long userId, String languageCode) {
        SimulatedUser user = users.computeIfAbsent(userId, SimulatedUser::initial).with(null, null, languageCode);
        users.put(userId, user);
        return user;
    }

    /** A service message of the user's in their private chat (a payment): its number in the chat's sequence. */
    public synchronized long userServiceMessage(long userId) {
        return ++privateChat(userId).lastMessageId;
    }

    /** A user edits their own earlier message; anyone else's (or an unknown one) is not found. */
    public synchronized IncomingMessage userEdited(long userId, long chatId, long messageId, String text) {
        StoredChat chat = known(chatId);
        IncomingMessage message = chat.received.get(messageId);
        if (message == null || message.from().id() != userId) {
            throw new ChatException(ChatException.ChatRefusal.MESSAGE_NOT_FOUND);
        }
        IncomingMessage edited = message.edited(text, clock.instant());
        chat.received.put(messageId, edited);
        return new IncomingMessage(users.get(userId), info(chat), messageId, edited.date(), text, edited.editDate(),
                edited.edits());
    }

    /**
     * Blocking makes the user known: only someone who had opened the bot can block it.
     *
     * @return whether this changed anything (blocking twice does not)
     */
    public synchronized boolean setBlocked(long userId, boolean blocked) {
        StoredChat chat = privateChat(userId);
        boolean changed = chat.blocked != blocked;
        chat.blocked = blocked;
        return changed;
    }

    /** @throws ChatException unless the bot may write in the chat now */
    public synchronized void reachable(long chatId) {
        reachableChat(chatId);
    }

    public synchronized ChatInfo chat(long chatId) {
        return info(known(chatId));
    }

    public synchronized SimulatedUser user(long userId) {
        SimulatedUser user = users.get(userId);
        if (user == null) {
            throw new ChatException(ChatException.ChatRefusal.CHAT_NOT_FOUND);
        }
        return user;
    }

    public synchronized SentMessage send(long chatId, FormattedText text, JsonNode replyMarkup) {
        StoredChat chat = reachableChat(chatId);
        SentMessage message = SentMessage.sent(chatId, ++chat.lastMessageId, text, replyMarkup, clock.instant());
        chat.sent.put(message.messageId(), message);
        trim(chat.sent.values());
        return message;
    }

    /** Removes a sent message without a trace, as if it never reached the chat (a planted fault, see RecordFault). */
    public synchronized void forget(long chatId, long messageId) {
        known(chatId).sent.remove(messageId);
    }

    /** The bot's live (not deleted) message; reading it does not require the chat to be reachable. */
    public synchronized SentMessage message(long chatId, long messageId) {
        SentMessage message = known(chatId).sent.get(messageId);
        if (message == null || message.deleted()) {
            throw new ChatException(ChatException.ChatRefusal.MESSAGE_NOT_FOUND);
        }
        return message;
    }

    /**
     * Replaces a live message atomically.
     *
     * @param change may throw to refuse the change; the message then stays as it was
     */
    public synchronized SentMessage update(long chatId, long messageId, UnaryOperator<SentMessage> change) {
        StoredChat chat = reachableChat(chatId);
        SentMessage changed = change.apply(message(chatId, messageId));
        chat.sent.put(messageId, changed);
        return changed;
    }

    public synchronized List<SentMessage> sentTo(long chatId) {
        StoredChat chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.sent.values());
    }

    /** Both directions of the chat as the user's app shows it; empty for a chat nobody opened yet. */
    public synchronized ChatHistory history(long chatId) {
        StoredChat chat = chats.get(chatId);
        if (chat == null) {
            return new ChatHistory(false, List.of(), List.of());
        }
        return new ChatHistory(chat.blocked, List.copyOf(chat.received.values()), List.copyOf(chat.sent.values()));
    }

    public synchronized void answered(long chatId, CallbackAnswer answer) {
        List<CallbackAnswer> answers = known(chatId).answers;
        answers.add(answer);
        trim(answers);
    }

    public synchronized List<CallbackAnswer> answers(long chatId) {
        StoredChat chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.answers);
    }

    public Instant now() {
        return clock.instant();
    }

    // Oldest first: the maps keep insertion (message-id) order.
    private void trim(Collection<?> kept) {
        if (keptPerChat > 0) {
            for (Iterator<?> oldest = kept.iterator(); kept.size() > keptPerChat; ) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    private StoredChat privateChat(long userId) {
        users.computeIfAbsent(userId, SimulatedUser::initial);
        return chats.computeIfAbsent(userId, id -> new StoredChat(id, null));
    }

    // A private chat shows the user as they are now, so a later name change shows in it.
    private ChatInfo info(StoredChat chat) {
        return chat.group != null ? chat.group : ChatInfo.privateWith(users.get(chat.id));
    }

    private StoredChat known(long chatId) {
        StoredChat chat = chats.get(chatId);
        if (chat == null) {
            throw new ChatException(ChatException.ChatRefusal.CHAT_NOT_FOUND);
        }
        return chat;
    }

    private StoredChat reachableChat(long chatId) {
        StoredChat chat = known(chatId);
        if (chat.blocked) {
            throw new ChatException(ChatException.ChatRefusal.BLOCKED);
        }
        return chat;
    }

    /** Mutable on purpose, and only ever touched under the store's monitor. */
    private static final class StoredChat {
        final long id;
        final Map<Long, SentMessage> sent = new LinkedHashMap<>();
        // Kept for the chat page and for edits; keyed by message id.
        final Map<Long, IncomingMessage> received = new LinkedHashMap<>();
        final List<CallbackAnswer> answers = new ArrayList<>();
        // null for a private chat, whose Chat object is drawn from its user
        ChatInfo group;
        boolean blocked;
        // Telegram numbers the users' and the bot's messages of a chat in one sequence.
        long lastMessageId;

        StoredChat(long id, ChatInfo group) {
            this.id = id;
            this.group = group;
        }
    }
}
