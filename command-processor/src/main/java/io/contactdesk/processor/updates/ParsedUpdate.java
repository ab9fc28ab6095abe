package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;

/**
 * A Telegram update as the processor sorts it: a person's message or tap in their private chat, a change of the
 * bot's membership in that chat, a payment's pre-checkout or success, something said in a group, or an update the bot leaves alone on purpose. Records
 * that are none of these are broken and never get this far ({@link InvalidUpdateException}).
 */
public sealed interface ParsedUpdate permits IncomingUpdate, MembershipUpdate, GroupUpdate, IgnoredUpdate,
        PreCheckoutQuery, SuccessfulPayment {

    UpdateRef ref();

    /**
     * The key the ingress gives this update on {@code tg.updates}: the user's id for their private chat, the chat's id
     * for a group. A record keyed otherwise would be handled by a task that does not hold the state it needs. Null
     * for an ignored update, which reads and writes no keyed state.
     */
    String expectedKey();

    /** What {@link #expectedKey()} is, for the dead letter's reason. */
    default String expectedKeyName() {
        return "the sender's user id";
    }
}
