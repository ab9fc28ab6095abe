package io.contactdesk.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.ops.Roster;
import io.contactdesk.ops.board.HeartbeatBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportRequestListenerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ConsumerLagMetrics lag = new ConsumerLagMetrics(() -> List.of(new GroupLag("contactdesk-notifier",
            List.of(new PartitionLag("tg.outbox", 2, 1L, 8L, 7L)))), Duration.ofHours(1), CLOCK);
    // fed nothing: no instance has reported in
    private final HeartbeatBoard heartbeats = new HeartbeatBoard(CLOCK, Roster.standard());
    // answer() alone sends nothing
    private final ReportRequestListener listener = new ReportRequestListener(heartbeats, lag, null, CLOCK);

    private static OpsReportRequested asked(OpsReportRequested.Report report, Instant at) {
        return new OpsReportRequested("update:17/report:0", 900, 900, report, "update:17", at);
    }

    @Test
    void theAnswerGoesToTheAdminsChatWithAnIdDerivedFromTheRequest() {
        lag.refresh();

        OutboxMessage answer = listener.answer(asked(OpsReportRequested.Report.LAG, NOW.minusSeconds(1)), NOW)
                .orElseThrow();

        assertThat(answer.outboxId()).isEqualTo("update:17/report:0/reply:0");
        assertThat(answer.chatId()).isEqualTo(900);
        assertThat(answer.causeId()).isEqualTo("update:17");
        assertThat((String) answer.params().get("text")).contains("<b>contactdesk-notifier</b>: 7")
                .contains("tg.outbox-2: 7");
    }

    @Test
    void healthIsAnsweredFromTheHeartbeatBoard() {
        Optional<OutboxMessage> answer = listener.answer(asked(OpsReportRequested.Report.HEALTH, NOW), NOW);

        assertThat((String) answer.orElseThrow().params().get("text"))
                .isEqualTo("No heartbeats yet: no instance has reported in.");
    }

    @Test
    void aRequestAskedMoreThanFiveMinutesAgoIsNotAnswered() {
        assertThat(listener.answer(asked(OpsReportRequested.Report.LAG, NOW.minus(Duration.ofMinutes(5))), NOW))
                .isPresent();
        assertThat(listener.answer(asked(OpsReportRequested.Report.LAG, NOW.minus(Duration.ofMinutes(5))
                .minusMillis(1)), NOW)).isEmpty();
    }
}
