package io.contactdesk.sandbox.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One update waiting for the bot.
 *
 * @param type the Update field that carries it ("message", "callback_query"), used by allowed_updates
 * @param json the complete Update object, update_id first as Telegram writes it
 * @param receivedAt when the sandbox's clock saw it arrive: Telegram keeps an undelivered update at most 24 hours
 */
public record PendingUpdate(long updateId, String type, ObjectNode json, Instant receivedAt) {
}
