package io.contactdesk.ops.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {

    private static final long NOW_MILLIS = 1_800_000_000_000L;
    private final Roster roster = new Roster(Duration.ofMinutes(10));

    private static InstanceView instance(String service, String id, String state, long secondsSinceSeen) {
        return new InstanceView(service, id, "host-a", 0, 100, 1, 2, state, NOW_MILLIS - secondsSinceSeen * 1000,
                secondsSinceSeen, secondsSinceSeen > 30);
    }

    @Test
    void aKilledInstanceThatWasReplacedLeavesTheListTenMinutesAfterItsLastHeartbeat() {
        InstanceView killed = instance("notifier", "h-1-aa", "UP", 600);
        InstanceView replacement = instance("notifier", "h-2-bb", "UP", 2);

        assertThat(roster.current(List.of(killed, replacement))).containsExactly(replacement);
    }

    @Test
    void aReplacedInstanceStaysListedWhileItsSilenceIsRecent() {
        InstanceView killed = instance("notifier", "h-1-aa", "UP", 599);
        InstanceView replacement = instance("notifier", "h-2-bb", "UP", 2);

        assertThat(roster.current(List.of(killed, replacement))).containsExactly(killed, replacement);
    }

    @Test
    void aStoppedInstanceLeavesOnceAnotherInstanceOfItsServiceRuns() {
        InstanceView stopped = instance("db-writer", "h-1-aa", "STOPPED", 3600);
        InstanceView running = instance("db-writer", "h-3-cc", "UP", 5);

        assertThat(roster.current(List.of(stopped, running))).containsExactly(running);
    }

    @Test
    void aServiceWithNoLiveInstanceKeepsItsLastSeenOneListedSoItsOutageStaysVisible() {
        InstanceView older = instance("command-processor", "h-1-aa", "UP", 7200);
        InstanceView lastSeen = instance("command-processor", "h-2-bb", "UP", 900);
        InstanceView otherService = instance("notifier", "h-9-ff", "UP", 1);

        assertThat(roster.current(List.of(older, lastSeen, otherService))).containsExactly(lastSeen, otherService);
    }

    @Test
    void anInstanceInAnotherServiceDoesNotCountAsAReplacement() {
        InstanceView silentPoller = instance("ingress-poller", "h-1-aa", "UP", 3600);
        InstanceView notifier = instance("notifier", "h-2-bb", "UP", 1);

        assertThat(roster.current(List.of(silentPoller, notifier))).containsExactly(silentPoller, notifier);
    }

    @Test
    void aReplacementThatBeatsWhileItsHealthIsDownCountsAsLive() {
        InstanceView replacement = instance("db-writer", "h-2-bb", "DOWN", 3);
        InstanceView crashed = instance("db-writer", "h-1-aa", "UP", 1200);

        assertThat(roster.current(List.of(crashed, replacement))).containsExactly(replacement);
    }
}
