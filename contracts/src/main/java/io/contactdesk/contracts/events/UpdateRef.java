package io.contactdesk.contracts.events;

/**
 * An update as the pipeline names it: Telegram's {@code update_id} within the ingress epoch it arrived in.
 *
 * <p>Telegram numbers updates sequentially, but after a week without updates it picks the next id at random, so an
 * id may come back that the bot has seen before. The ingress starts a new epoch whenever that happens; every id
 * derived from an update includes it, so a recycled {@code update_id} can never collide with an old fact in the
 * dedupe store, Kafka or PostgreSQL. Epoch 0 (every update before the first restart) keeps the names it always had.
 *
 * @param epoch    the ingress epoch, 0 until Telegram first restarts its ids
 * @param updateId Telegram's id, a positive 32-bit integer
 */
public record UpdateRef(long epoch, long updateId) {

    /** Telegram's update ids are 32-bit; the epoch takes the bits above them in {@link #dedupeKey()}. */
    private static final int ID_BITS = 32;
    private static final long MAX_EPOCH = (1L << (Long.SIZE - 1 - ID_BITS)) - 1;

    public UpdateRef {
        if (epoch < 0 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("ingress epoch " + epoch + " is out of range");
        }
        if (updateId < 0 || updateId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("update_id " + updateId + " is not a 32-bit id");
        }
    }

    /** The cause id of everything this update leads to ({@link EventIds#update(UpdateRef)}). */
    public String causeId() {
        return EventIds.update(this);
    }

    /** One number per (epoch, update_id), equal to {@code update_id} in epoch 0: the key of the dedupe store. */
    public long dedupeKey() {
        return (epoch << ID_BITS) | updateId;
    }

    /** A compact token for ids shown in buttons and session ids: base 36, with the epoch after an {@code e}. */
    public String shortId() {
        String id = Long.toString(updateId, 36);
        return epoch == 0 ? id : id + "e" + Long.toString(epoch, 36);
    }

    @Override
    public String toString() {
        return epoch == 0 ? Long.toString(updateId) : updateId + "@" + epoch;
    }
}
