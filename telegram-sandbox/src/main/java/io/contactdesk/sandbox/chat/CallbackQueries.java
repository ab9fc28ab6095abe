package io.contactdesk.sandbox.chat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Open callback queries: each may be answered once, like Telegram's. */
public final class CallbackQueries {

    private final Map<String, Long> open = new ConcurrentHashMap<>();

    /** @return a new query id, a long decimal string like Telegram's */
    public String open(long chatId) {
        String id;
        do {
            id = Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1);
        } while (open.putIfAbsent(id, chatId) != null);
        return id;
    }

    /** @return the chat of the query, or empty if it is unknown or was answered already */
    public OptionalLong answer(String queryId) {
        Long chatId = queryId == null ? null : open.remove(queryId);
        return chatId == null ? OptionalLong.empty() : OptionalLong.of(chatId);
    }
}
