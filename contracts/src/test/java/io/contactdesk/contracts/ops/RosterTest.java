package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.events.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final Roster roster = Roster.standard();

    private static Heartbeat beat(String service, String instance, String state, long secondsSinceSeen) {
        Instant at = NOW.minusSeconds(secondsSinceSeen);
        return new Heartbeat(service, instance, "host-a", at.minusSeconds(3600), at, state, 1, 2);
    }

    @Test
    void aKilledInstanceThatWasReplacedLeavesTenMinutesAfterItsLastHeartbeat() {
        Heartbeat killed = beat("notifier", "h-1-aa", "UP", 600);
        Heartbeat replacement = beat("notifier", "h-2-bb", "UP", 2);

        assertThat(roster.current(List.of(killed, replacement), NOW)).containsExactly(replacement);
    }

    @Test
    void aReplacedInstanceStaysListedWhileItsSilenceIsRecent() {
        Heartbeat killed = beat("notifier", "h-1-aa", "UP", 599);
        Heartbeat replacement = beat("notifier", "h-2-bb", "UP", 2);

        assertThat(roster.current(List.of(killed, replacement), NOW)).containsExactly(killed, replacement);
    }

    @Test
    void aStoppedInstanceLeavesOnceAnotherInstanceOfItsServiceRuns() {
        Heartbeat stopped = beat("db-writer", "h-1-aa", HeartbeatPublisher.STOPPED, 3600);
        Heartbeat running = beat("db-writer", "h-3-cc", "UP", 5);

        assertThat(roster.current(List.of(stopped, running), NOW)).containsExactly(running);
    }

    @Test
    void aServiceWithNoLiveInstanceKeepsItsLastSeenOneSoItsOutageStaysVisible() {
        Heartbeat older = beat("command-processor", "h-1-aa", "UP", 7200);
        Heartbeat lastSeen = beat("command-processor", "h-2-bb", "UP", 900);
        Heartbeat otherService = beat("notifier", "h-9-ff", "UP", 1);

        assertThat(roster.current(List.of(older, lastSeen, otherService), NOW)).containsExactly(lastSeen, otherService);
    }

    @Test
    void anInstanceOfAnotherServiceIsNoReplacement() {
        Heartbeat silentPoller = beat("ingress-poller", "h-1-aa", "UP", 3600);
        Heartbeat notifier = beat("notifier", "h-2-bb", "UP", 1);

        assertThat(roster.current(List.of(silentPoller, notifier), NOW)).containsExactly(silentPoller, notifier);
    }

    @Test
    void aReplacementThatBeatsWhileItsHealthIsDownCountsAsLive() {
        Heartbeat crashed = beat("db-writer", "h-1-aa", "UP", 1200);
        Heartbeat replacement = beat("db-writer", "h-2-bb", "DOWN", 3);

        assertThat(roster.current(List.of(crashed, replacement), NOW)).containsExactly(replacement);
    }

    @Test
    void anInstanceIsSilentOnlyAfterThirtySecondsWithoutAHeartbeat() {
        assertThat(roster.silent(beat("notifier", "h-1-aa", "UP", 30), NOW)).isFalse();
        assertThat(roster.silent(beat("notifier", "h-1-aa", "UP", 31), NOW)).isTrue();
    }

    @Test
    void retiringBeforeAnInstanceCountsAsSilentIsRefused() {
        assertThatThrownBy(() -> new Roster(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retireAfter");
    }
}
