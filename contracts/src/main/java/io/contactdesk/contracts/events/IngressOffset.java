package io.contactdesk.contracts.events;

import java.time.Instant;

/** How far the ingress has published: every update up to {@code lastUpdateId} is on {@code tg.updates}. */
public record IngressOffset(long botId, long lastUpdateId, Instant publishedAt) {
}
