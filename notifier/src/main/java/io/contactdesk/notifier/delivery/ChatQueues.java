package io.contactdesk.notifier.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks of one chat one after another, in the order they were submitted, and those of different chats side
 * by side on a pool of threads: a chat waiting for its flood limit holds one thread, never another chat's reply.
 * A chat with queued tasks keeps its thread until its queue is empty.
 */
final class ChatQueues {

    private static final Logger log = LoggerFactory.getLogger(ChatQueues.class);

    private final Executor threads;
    // A key is present while its chat has a task running; its deque holds the tasks waiting behind that one.
    private final Map<String, Deque<Runnable>> waiting = new HashMap<>();

    ChatQueues(Executor threads) {
        this.threads = threads;
    }

    void submit(String chat, Runnable task) {
        synchronized (waiting) {
            Deque<Runnable> queue = waiting.get(chat);
            if (queue != null) {
                queue.addLast(task);
                return;
            }
            waiting.put(chat, new ArrayDeque<>());
        }
        threads.execute(() -> drain(chat, task));
    }

    /** Chats with a task running or waiting. */
    int busyChats() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private void drain(String chat, Runnable first) {
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The tasks settle their own failures; one escaping here must not strand the chat's queue.
                log.error("outbox chat {}: delivery task failed", chat, e);
            }
            synchronized (waiting) {
                Deque<Runnable> queue = waiting.get(chat);
                task = queue.pollFirst();
                if (task == null) {
                    waiting.remove(chat);
                }
            }
        }
    }
}
