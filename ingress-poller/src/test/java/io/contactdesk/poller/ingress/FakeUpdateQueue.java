package io.contactdesk.poller.ingress;

import io.contactdesk.poller.telegram.UpdateSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A bot's update queue as telegram-bot-api keeps it ({@code Client::do_get_updates} over a TQueue, FIELD-NOTES
 * 2026-12-05): ids run from the head (oldest pending) to the tail (the id the next update gets). An offset inside
 * [head, tail] confirms everything below it and the answer starts there; any other offset (0, or one the ids have
 * left behind) confirms nothing and is answered from the head. Answers at once: no long poll.
 */
final class FakeUpdateQueue implements UpdateSource {

    private final List<Long> pending = new ArrayList<>();
    private long tail;

    FakeUpdateQueue(long firstId) {
        this.tail = firstId;
    }

    /** A user writes; returns the new update's id. */
    long add() {
        pending.add(tail);
        return tail++;
    }

    List<Long> add(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(add());
        }
        return ids;
    }

    /** What Telegram does after a week without updates: the next id is chosen anew (the queue is empty by then). */
    void restartIdsAt(long firstId) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("Telegram restarts ids only after a quiet week; pending: " + pending);
        }
        tail = firstId;
    }

    List<Long> pending() {
        return List.copyOf(pending);
    }

    @Override
    public List<ReceivedUpdate> poll(int offset) {
        long head = pending.isEmpty() ? tail : pending.get(0);
        if (offset >= head && offset <= tail) {
            pending.removeIf(id -> id < offset);
        }
        return pending.stream().map(id -> new ReceivedUpdate(id, "42", "{\"update_id\":" + id + "}")).toList();
    }

    @Override
    public void deleteWebhook() {
        // no webhook here: the fake only polls
    }

    @Override
    public void interrupt() {
    }
}
