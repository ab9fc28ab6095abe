package io.contactdesk.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriticalConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final CriticalConditions conditions = new CriticalConditions(Duration.ofSeconds(60), 1000, Duration.ofMinutes(2));

    private static InstanceView instance(String state, long secondsSinceSeen) {
        return new InstanceView("notifier", "n-1", "host-a", 0, 100, 1, 2, state, 0, secondsSinceSeen, secondsSinceSeen > 30,
                secondsSinceSeen <= 30 && !"STOPPED".equals(state), Map.of());
    }

    private static GroupLag lagging(long lag) {
        return new GroupLag("contactdesk-notifier", List.of(new PartitionLag("tg.outbox", 0, 0L, lag, lag)));
    }

    @Test
    void anInstanceSilentForAMinuteIsCriticalButAStoppedOneIsNot() {
        List<OpsAlert> alerts = conditions.check(List.of(instance("UP", 75), instance("STOPPED", 500), instance("UP", 20)),
                List.of(), Map.of(), T0);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.severity()).isEqualTo("CRITICAL");
            assertThat(alert.message()).contains("notifier on host-a").contains("silent for 75 s");
        });
    }

    @Test
    void lagAboveTheThresholdRaisesAnAlertOnlyOnceItLastedTwoMinutes() {
        assertThat(conditions.check(List.of(), List.of(lagging(5000)), Map.of(), T0)).isEmpty();
        assertThat(conditions.check(List.of(), List.of(lagging(5000)), Map.of(), T0.plusSeconds(90))).isEmpty();
        assertThat(conditions.check(List.of(), List.of(lagging(5000)), Map.of(), T0.plusSeconds(120)))
                .singleElement().satisfies(alert -> assertThat(alert.message()).contains("lags by 5000"));

        assertThat(conditions.check(List.of(), List.of(lagging(10)), Map.of(), T0.plusSeconds(135))).isEmpty();
        assertThat(conditions.check(List.of(), List.of(lagging(5000)), Map.of(), T0.plusSeconds(150))).isEmpty();
    }

    @Test
    void aDeadLetterTopicThatGrewIsReportedWithHowMuch() {
        assertThat(conditions.check(List.of(), List.of(), Map.of("tg.updates.dlq", 3L), T0)).isEmpty();

        List<OpsAlert> alerts = conditions.check(List.of(), List.of(), Map.of("tg.updates.dlq", 8L), T0.plusSeconds(15));

        assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.message()).contains("tg.updates.dlq grew by 5 (now 8"));
        assertThat(conditions.check(List.of(), List.of(), Map.of("tg.updates.dlq", 8L), T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void repeatsOfOneConditionShareAFingerprintSoTheNotifierCanFoldThem() {
        OpsAlert first = conditions.check(List.of(instance("UP", 75)), List.of(), Map.of(), T0).get(0);
        OpsAlert again = conditions.check(List.of(instance("UP", 90)), List.of(), Map.of(), T0.plusSeconds(15)).get(0);

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    }
}
