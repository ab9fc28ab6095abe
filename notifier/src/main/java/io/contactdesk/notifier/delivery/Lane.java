package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;

/** How a delivery takes its turn: replies to users go at once, bulk traffic yields to them and claims each message. */
interface Lane {

    /** Replies to users' own commands: never wait for anyone, never skip. */
    Lane INTERACTIVE = new Lane() {
        @Override
        public boolean awaitTurn() {
            return true;
        }

        @Override
        public boolean mayCall(OutboxMessage message) {
            return true;
        }
    };

    /** Blocks before each call (retries included) while the lane must give way; false when the service is stopping. */
    boolean awaitTurn();

    /** Once per message, with its first flood permit in hand, right before its first call: false skips it. */
    boolean mayCall(OutboxMessage message);

    /**
     * Right before each call, with its permit in hand: false means the record may no longer be sent from here (its
     * partition went to another notifier); it is left uncommitted for the next owner.
     */
    default boolean enterCall() {
        return true;
    }

    /** Bulk traffic takes its permits from the bulk share of the bot-wide limit, leaving the rest to replies. */
    default boolean bulk() {
        return false;
    }
}
