package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodRefusalsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T05:00:00Z");
    private static final Verdicts.FaultEvent OUTAGE = new Verdicts.FaultEvent("postgres outage", T0.plusSeconds(100),
            T0.plusSeconds(130));

    @Test
    void aRefusalAfterAnOutageIsFiledUnderIt() {
        assertThat(FloodRefusals.cause(T0.plusSeconds(150), List.of(OUTAGE), T0))
                .isEqualTo("during or after postgres outage (100.0–130.0 s)");
    }

    @Test
    void aRefusalLongAfterEveryFaultFollowsNone() {
        assertThat(FloodRefusals.cause(T0.plusSeconds(400), List.of(OUTAGE), T0)).isEqualTo("after no fault");
    }

    @Test
    void theLatestFaultBeforeTheRefusalIsItsCause() {
        Verdicts.FaultEvent kill = new Verdicts.FaultEvent("kill -9 notifier-1", T0.plusSeconds(120), T0.plusSeconds(120));

        assertThat(FloodRefusals.cause(T0.plusSeconds(125), List.of(OUTAGE, kill), T0))
                .startsWith("during or after kill -9 notifier-1");
    }

    @Test
    void theSummaryCountsEachLimitPerCause() {
        List<FloodRefusals.Refusal> refusals = List.of(
                new FloodRefusals.Refusal(T0.plusSeconds(110), 7, "chat"),
                new FloodRefusals.Refusal(T0.plusSeconds(111), 8, "global"),
                new FloodRefusals.Refusal(T0.plusSeconds(500), 7, "chat"));

        assertThat(FloodRefusals.beside(refusals, List.of(OUTAGE), T0)).containsExactly(
                "429 from the flood limits: 3 (a chat's limit 2, the bot's 1), in 2 chats; first at 110.0 s, last at 500.0 s",
                "  429 after no fault: 1 (chat 1, bot 0)",
                "  429 during or after postgres outage (100.0–130.0 s): 2 (chat 1, bot 1)");
    }

    @Test
    void noRefusalsNoLines() {
        assertThat(FloodRefusals.beside(List.of(), List.of(OUTAGE), T0)).isEmpty();
    }
}
