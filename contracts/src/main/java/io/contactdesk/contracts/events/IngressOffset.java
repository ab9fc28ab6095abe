package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * How far the ingress has published: every update up to {@code lastUpdateId} of ingress epoch {@code epoch} is on
 * {@code tg.updates}. The epoch grows by one each time Telegram restarts its update ids ({@link UpdateRef}); records
 * written before epochs existed have none and read as epoch 0.
 */
public record IngressOffset(long botId, long lastUpdateId, Instant publishedAt, Long epoch) {

    public IngressOffset {
        epoch = epoch == null ? 0L : epoch;
    }

    public IngressOffset(long botId, long lastUpdateId, Instant publishedAt) {
        this(botId, lastUpdateId, publishedAt, 0L);
    }

    /** The last update published, named with its epoch. */
    public UpdateRef lastUpdate() {
        return new UpdateRef(epoch, lastUpdateId);
    }
}
