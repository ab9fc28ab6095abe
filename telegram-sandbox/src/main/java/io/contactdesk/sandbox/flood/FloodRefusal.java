package io.contactdesk.sandbox.flood;

import java.time.Instant;

/**
 * One call the flood limits refused: when, to which chat, and which limit was exhausted, so that a run's 429s can be
 * laid beside what happened at that moment (an outage, a rebalance, a burst after a fault).
 *
 * @param limit {@code "chat"} when the chat's own bucket was empty, else {@code "global"} (the bot-wide bucket)
 * @param retryAfter the whole seconds answered in {@code parameters.retry_after}
 */
public record FloodRefusal(Instant at, long chatId, String limit, long retryAfter) {
}
