package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import java.util.List;
import java.util.Optional;

/**
 * Where the ingress stands (the last update published, in its ingress epoch) and what the next {@code getUpdates}
 * answer means from there. Immutable: the loop moves to {@link #after(Batch)} only once Kafka committed the batch, so
 * a batch that never commits leaves the cursor, in memory and in {@code tg.ingress-offsets}, where it was.
 *
 * <p>An id restart is recognised by telegram-bot-api's queue semantics (FIELD-NOTES, 2026-12-05): an offset inside
 * the queue confirms what lies below it and the answer holds only ids at or above it, while an offset outside the
 * queue is ignored and the answer starts at the queue's head. So an answer holding an id below the offset asked for
 * can only mean that the offset lay outside the queue: Telegram restarted its ids (after a week without updates it
 * picks the next one at random). The whole answer is then new and belongs to the next epoch. Nothing was confirmed
 * by that poll, so a poller that dies before committing asks again with the stored offset, gets the same answer and
 * recognises the same restart, still one epoch above the stored one: an epoch is neither skipped nor lost.
 *
 * @param epoch the epoch of the last update published (0 until Telegram first restarts its ids)
 * @param next  the first update id not yet published in that epoch; 0 before anything was published
 */
record IngressCursor(long epoch, long next) {

    /** Where a poller that has published nothing yet starts: no offset, so Telegram answers from its queue's head. */
    static final IngressCursor START = new IngressCursor(0, 0);

    IngressCursor {
        if (epoch < 0 || next < 0) {
            throw new IllegalArgumentException("ingress cursor epoch " + epoch + ", next " + next);
        }
    }

    /** Continues after the last update Kafka holds, in its epoch; from the start when it holds none. */
    static IngressCursor resumeAfter(Optional<UpdateRef> lastPublished) {
        return lastPublished.map(last -> new IngressCursor(last.epoch(), last.updateId() + 1)).orElse(START);
    }

    /**
     * The offset to ask {@code getUpdates} with. Update ids are 32-bit and telegram-bot-api keeps them below
     * 2,000,000,000 (TQueue's {@code EventId::MAX_ID}), so {@link #next} fits; should an id ever be
     * {@link Integer#MAX_VALUE}, asking from it repeats that one update, which {@link #read} drops.
     */
    int requestOffset() {
        return (int) Math.min(next, Integer.MAX_VALUE);
    }

    /** What to publish of an answer to {@code getUpdates(requestOffset())}, and under which epoch. */
    Batch read(List<ReceivedUpdate> answer) {
        int asked = requestOffset();
        Optional<ReceivedUpdate> belowOffset = answer.stream().filter(u -> u.updateId() < asked).findFirst();
        if (belowOffset.isPresent()) {
            long firstId = answer.stream().mapToLong(ReceivedUpdate::updateId).min().orElseThrow();
            return new Batch(epoch + 1, answer, Optional.of(new Restart(asked, firstId, epoch + 1)));
        }
        List<ReceivedUpdate> unpublished = answer.stream().filter(u -> u.updateId() >= next).toList();
        return new Batch(epoch, unpublished, Optional.empty());
    }

    /** Where the ingress stands once {@code published} is committed. */
    IngressCursor after(Batch published) {
        if (published.updates().isEmpty()) {
            return this;
        }
        return new IngressCursor(published.epoch(), published.last().updateId() + 1);
    }

    /**
     * Updates to publish in one transaction, all under {@code epoch}; {@code restart} when this batch starts it.
     * In answer order, which is Telegram's (ascending ids within one epoch).
     */
    record Batch(long epoch, List<ReceivedUpdate> updates, Optional<Restart> restart) {

        Batch {
            updates = List.copyOf(updates);
        }

        boolean isEmpty() {
            return updates.isEmpty();
        }

        /** The update the stored offset names after this batch: its highest id. */
        UpdateRef last() {
            return new UpdateRef(epoch, updates.stream().mapToLong(ReceivedUpdate::updateId).max().orElseThrow());
        }
    }

    /** Telegram restarted its update ids: offset {@code askedFrom} lay outside its queue, which began at {@code firstId}. */
    record Restart(long askedFrom, long firstId, long newEpoch) {
    }
}
