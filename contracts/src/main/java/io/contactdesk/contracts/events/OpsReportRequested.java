package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * An admin asked about the running pipeline ({@code /health}, {@code /lag}). The processor only forwards the question
 * on {@code ops.report-requests}: its output must depend on its input alone, and the live answer (heartbeats, lag
 * measured from the broker) is the ops console's work. The console answers on {@code tg.outbox}.
 *
 * @param requestId derived from the admin's update ({@code update:17/report:0}); the reply's outbox id derives from it
 * @param chatId the admin's chat, where the answer goes
 * @param causeId the admin's update
 * @param requestedAt the update's record time
 */
public record OpsReportRequested(String requestId, long adminUserId, long chatId, Report report, String causeId,
                                 Instant requestedAt) {

    /** What the admin asked for. Admin replies are English only, so no language travels with the question. */
    public enum Report {
        /** {@code /health}: every instance's latest heartbeat. */
        HEALTH,
        /** {@code /lag}: consumer lag per group, committed vs log end offsets. */
        LAG
    }
}
