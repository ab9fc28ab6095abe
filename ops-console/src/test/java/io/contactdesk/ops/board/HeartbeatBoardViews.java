package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.Roster;
import java.time.Duration;
import java.time.Instant;

/** Opens {@link HeartbeatBoard}'s package-private view function to tests in other packages. */
public final class HeartbeatBoardViews {

    private HeartbeatBoardViews() {
    }

    public static HeartbeatBoard.InstanceView view(Heartbeat beat, Instant now, Duration silentAfter) {
        return HeartbeatBoard.view(beat, now, new Roster(silentAfter, Roster.RETIRE_AFTER));
    }
}
