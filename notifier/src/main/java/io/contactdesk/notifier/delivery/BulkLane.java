package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The bulk lane's turns: before each call it waits while replies are being sent (they jump ahead), yet never
 * longer than {@code maxYield} for one call, so that a steady stream of replies cannot starve a broadcast nor
 * hold the bulk consumer past {@code max.poll.interval.ms}. Both lanes then take permits from the same flood
 * control, which keeps them together within Telegram's limits.
 */
final class BulkLane implements Lane {

    static final Duration STEP = Duration.ofMillis(20);

    private final InteractiveActivity interactive;
    private final Pause pause;
    private final Duration maxYield;
    private final Predicate<OutboxMessage> claim;

    BulkLane(InteractiveActivity interactive, Pause pause, Duration maxYield, Predicate<OutboxMessage> claim) {
        this.interactive = interactive;
        this.pause = pause;
        this.maxYield = maxYield;
        this.claim = claim;
    }

    @Override
    public boolean bulk() {
        return true;
    }

    @Override
    public boolean awaitTurn() {
        long waited = 0;
        while (interactive.busy() && waited < maxYield.toMillis()) {
            if (!pause.sleep(STEP)) {
                return false;
            }
            waited += STEP.toMillis();
        }
        return true;
    }

    @Override
    public boolean mayCall(OutboxMessage message) {
        return claim.test(message);
    }
}
