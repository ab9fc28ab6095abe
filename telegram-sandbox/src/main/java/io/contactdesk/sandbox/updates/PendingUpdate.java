package io.contactdesk.sandbox.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One update waiting for the bot.
 *
 * @param type the Update field that carries it ("message", "callback_query"), used by allowed_updates
 * @param json the complete Update object, update_id first as Telegram writes it
 */
public record PendingUpdate(long updateId, String type, ObjectNode json) {
}
