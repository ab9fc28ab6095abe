package io.contactdesk.ops.reports;

import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.ops.board.HeartbeatBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Answers admins' {@code /health} and {@code /lag}, forwarded by the processor on {@code ops.report-requests}, with
 * what the console shows: the instances of its {@link HeartbeatBoard} and its latest lag sample. The answer goes to
 * {@code tg.outbox} like any reply, so the notifier delivers it; its outbox id derives from the request's, so a
 * request read twice (the console died before committing) is answered with the same id.
 */
final class ReportRequestListener {

    static final String GROUP = "contactdesk-ops-console-reports";
    /**
     * A question asked while no console ran (or while tg.outbox could not be written) is not answered when it comes
     * back: an answer about now to a question from long ago would mislead, and the admin has asked again anyway.
     */
    static final Duration ANSWERED_WITHIN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(ReportRequestListener.class);

    private final HeartbeatBoard heartbeats;
    private final ConsumerLagMetrics lag;
    private final KafkaOperations<String, OutboxMessage> outbox;
    private final Clock clock;
    private final OpsReports reports = new OpsReports();

    ReportRequestListener(HeartbeatBoard heartbeats, ConsumerLagMetrics lag,
            KafkaOperations<String, OutboxMessage> outbox, Clock clock) {
        this.heartbeats = heartbeats;
        this.lag = lag;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Committed once the answer is on {@code tg.outbox}: a failed send is tried again (ReportsConfiguration). */
    @KafkaListener(id = "ops-console-report-requests", groupId = GROUP,
            containerFactory = ReportsConfiguration.CONTAINER_FACTORY,
            topics = "#{T(io.contactdesk.contracts.topics.Topics).REPORT_REQUESTS.name()}")
    void onRequest(ConsumerRecord<String, byte[]> record)
            throws InterruptedException, ExecutionException, TimeoutException {
        OpsReportRequested request = parse(record);
        if (request == null) {
            return;
        }
        Optional<OutboxMessage> answer = answer(request, clock.instant());
        if (answer.isPresent()) {
            outbox.send(Topics.OUTBOX.name(), Long.toString(request.chatId()), answer.get()).get(10, TimeUnit.SECONDS);
            log.info("answered {} of admin {} ({})", request.report(), request.adminUserId(), request.causeId());
        }
    }

    /** The reply to {@code request}, or empty for one asked more than {@link #ANSWERED_WITHIN} before {@code now}. */
    Optional<OutboxMessage> answer(OpsReportRequested request, Instant now) {
        if (request.requestedAt() != null && request.requestedAt().plus(ANSWERED_WITHIN).isBefore(now)) {
            log.info("{} of admin {} ({}) asked at {}: too long ago, not answered", request.report(),
                    request.adminUserId(), request.causeId(), request.requestedAt());
            return Optional.empty();
        }
        String text = switch (request.report()) {
            case HEALTH -> reports.health(heartbeats.instances());
            case LAG -> reports.lag(lag.latest());
        };
        return Optional.of(OutboxMessage.sendMessage(EventIds.derived(request.requestId(), "reply", 0),
                request.chatId(), text, null, request.causeId(), now));
    }

    /** The request, or null for a record that is none (skipped: a lost question is asked again, it has no DLQ). */
    private static OpsReportRequested parse(ConsumerRecord<String, byte[]> record) {
        try {
            OpsReportRequested request = record.value() == null ? null
                    : Topics.REPORT_REQUESTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (request != null && request.report() != null && request.requestId() != null) {
                return request;
            }
        } catch (SerializationException e) {
            // logged below, without the record: it is not ours to print
        }
        log.warn("{} record {}@{}: not an OpsReportRequested, skipped", record.topic(), record.partition(),
                record.offset());
        return null;
    }
}
