package io.contactdesk.tools.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.contracts.ops.Roster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRolloutTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static Heartbeat beat(String service, String instance, Instant at, String state, List<String> keyIds) {
        return new Heartbeat(service, instance, "host", at.minusSeconds(3600), at, state, 1, 2, keyIds);
    }

    private static List<String> lacking(Heartbeat... beats) {
        return KeyRollout.lacking(List.of(beats), "k2", Roster.standard(), NOW);
    }

    @Test
    void aRunningInstanceWithoutTheNewKeyIsNamedWithTheKeysItHolds() {
        assertThat(lacking(beat("notifier", "n-1", NOW, "UP", List.of("k1")),
                beat("command-processor", "p-1", NOW, "UP", List.of("k1", "k2"))))
                .containsExactly("notifier/n-1 (holds k1)");
    }

    @Test
    void anInstanceTooOldToReportItsKeysCountsAsLackingTheKey() {
        assertThat(lacking(beat("notifier", "n-1", NOW, "UP", null)))
                .containsExactly("notifier/n-1 (reports no key ids: restart it on this version)");
    }

    @Test
    void servicesWithoutAKeyringAndInstancesNoLongerRunningAreNotWaitedFor() {
        assertThat(lacking(
                beat("db-writer", "d-1", NOW, "UP", List.of()),
                beat("notifier", "n-old", NOW, HeartbeatPublisher.STOPPED, List.of("k1")),
                beat("notifier", "n-silent", NOW.minusSeconds(120), "UP", List.of("k1")),
                beat("notifier", "n-2", NOW, "UP", List.of("k1", "k2")))).isEmpty();
    }
}
