package io.contactdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.testsupport.SandboxClient;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Simulated users against the sandbox's control API: an open-loop generator that queues updates at a fixed rate in
 * batches ({@code POST /sandbox/updates}, one request per 20 ms tick), and a reader of the sandbox's reply log that
 * collects each answered update's times and remembers the buttons the bot last showed each user, so that users tap
 * what they see. The mix: a user's first update is /start; then /balance, /browse, taps on the last keyboard (category
 * pages, listings, unlock), /search, /view and unlock.
 */
final class Load {

    /** An answered update: queued, first handed to getUpdates, answered (epoch µs). */
    record Answer(long updateId, long chatId, long enqueuedUs, long deliveredUs, long answeredUs) {
        double latencyMs() {
            return (answeredUs - enqueuedUs) / 1000.0;
        }
    }

    private static final String[] WORDS = {"plumber", "berlin", "clean", "electric", "garden", "fast", "repair"};

    private final SandboxClient sandbox;
    private final int users;
    private final List<String> listingIds;
    private final Random random;
    private final boolean[] started;
    private final Map<Long, long[]> keyboardMessage = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> keyboardButtons = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private long replySeq;
    private long lastQueued;
    private String offerStopped;

    Load(String baseUrl, int users, List<String> listingIds, long seed) {
        this.sandbox = new SandboxClient(baseUrl);
        this.users = users;
        this.listingIds = listingIds;
        this.random = new Random(seed);
        this.started = new boolean[users + 1];
    }

    /** Forgets what users saw (a new system starts with new messages); who has /start-ed is kept per system. */
    void reset() {
        Arrays.fill(started, false);
        keyboardMessage.clear();
        keyboardButtons.clear();
        answers.clear();
        sandbox.clearReplies();
    }

    /** Why the last {@link #offer} ended before its time, or null. */
    String offerStopped() {
        return offerStopped;
    }

    /**
     * Offers {@code rate} updates a second for {@code duration}, reading replies meanwhile.
     *
     * @return the update ids queued, in order; fewer when the sandbox stopped answering ({@link #offerStopped()})
     */
    List<Long> offer(double rate, Duration duration, boolean taps) {
        offerStopped = null;
        List<Long> ids = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (long) (rate * (System.nanoTime() - start) / 1e9) - sent;
            if (due > 0) {
                int batch = (int) Math.min(due, 10_000);
                try {
                    ids.addAll(queue(batch, taps));
                } catch (UncheckedIOException e) {
                    // The sandbox (in this JVM, beside the system under test) could take no more: the step ends here
                    // with what it queued, and the report says so, rather than the whole run ending.
                    offerStopped = ids.size() + " updates queued, then the sandbox did not answer: " + e.getMessage();
                    return ids;
                }
                sent += batch;
            }
            readReplies();
            sleep(20);
        }
        return ids;
    }

    /** Queues /start for every user who has not sent it yet, in batches; returns the update ids. */
    List<Long> startEveryone() {
        List<Long> ids = new ArrayList<>();
        ArrayNode items = Json.mapper().createArrayNode();
        for (int user = 1; user <= users; user++) {
            if (!started[user]) {
                started[user] = true;
                items.addObject().put("user_id", user).put("text", "/start");
            }
            if (items.size() == 10_000 || (user == users && !items.isEmpty())) {
                ids.addAll(sandbox.queueUpdates(items));
                lastQueued = Math.max(lastQueued, ids.get(ids.size() - 1));
                items = Json.mapper().createArrayNode();
            }
        }
        return ids;
    }

    /** Queues {@code count} updates at once (a backlog), messages only. */
    List<Long> backlog(int count) {
        List<Long> ids = new ArrayList<>();
        for (int left = count; left > 0; left -= 10_000) {
            ids.addAll(queue(Math.min(left, 10_000), false));
        }
        return ids;
    }

    private List<Long> queue(int count, boolean taps) {
        ArrayNode items = Json.mapper().createArrayNode();
        for (int i = 0; i < count; i++) {
            long user = 1 + random.nextInt(users);
            ObjectNode item = items.addObject().put("user_id", user);
            if (!started[(int) user]) {
                started[(int) user] = true;
                item.put("text", "/start");
                continue;
            }
            double r = random.nextDouble();
            long[] message = keyboardMessage.get(user);
            List<String> buttons = keyboardButtons.get(user);
            if (taps && r >= 0.35 && r < 0.60 && message != null && buttons != null && !buttons.isEmpty()) {
                item.put("message_id", message[0]).put("data", buttons.get(random.nextInt(buttons.size())));
            } else if (taps && r >= 0.90 && message != null && buttons != null
                    && buttons.stream().anyMatch(b -> b.startsWith("u:"))) {
                item.put("message_id", message[0]).put("data", buttons.stream().filter(b -> b.startsWith("u:")).findFirst().get());
            } else if (r < 0.15) {
                item.put("text", "/balance");
            } else if (r < 0.60) {
                item.put("text", "/browse");
            } else if (r < 0.75) {
                item.put("text", "/search " + WORDS[random.nextInt(WORDS.length)]);
            } else {
                item.put("text", "/view " + listingIds.get(random.nextInt(listingIds.size())));
            }
        }
        List<Long> ids = sandbox.queueUpdates(items);
        lastQueued = Math.max(lastQueued, ids.isEmpty() ? 0 : ids.get(ids.size() - 1));
        return ids;
    }

    /** Reads the reply log to its end; returns how many entries were read. */
    int readReplies() {
        int read = 0;
        while (true) {
            JsonNode page = sandbox.replies(replySeq).path("replies");
            for (JsonNode entry : page) {
                replySeq = entry.path("seq").asLong();
                long chat = entry.path("chat_id").asLong();
                if (entry.has("update_id")) {
                    answers.add(new Answer(entry.path("update_id").asLong(), chat, entry.path("enqueued_at_us").asLong(),
                            entry.path("delivered_at_us").asLong(), entry.path("at_us").asLong()));
                }
                if (entry.has("message_id") && entry.path("buttons").size() > 0) {
                    List<String> buttons = new ArrayList<>();
                    entry.path("buttons").forEach(b -> buttons.add(b.asText()));
                    keyboardMessage.put(chat, new long[] {entry.path("message_id").asLong()});
                    keyboardButtons.put(chat, buttons);
                }
            }
            read += page.size();
            if (page.size() < 10_000) {
                return read;
            }
        }
    }

    /**
     * Drops the updates still waiting (an overloaded step leaves thousands), numbering on from the last one, so that
     * the next phase measures only its own.
     */
    int discardPending() {
        if (lastQueued == 0) {
            return 0;
        }
        return sandbox.restartUpdateIds(lastQueued + 1).path("discarded").asInt();
    }

    JsonNode stats() {
        return sandbox.stats();
    }


    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
