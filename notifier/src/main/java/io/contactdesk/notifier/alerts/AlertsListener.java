package io.contactdesk.notifier.alerts;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.database.NotifierDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code ops.alerts} in batches (group {@code contactdesk-notifier-alerts}): each alert is folded with one
 * upsert, the batch in one transaction, and the alerts it decided to send go to the admins once it committed. A storm
 * of one fingerprint thus costs one row update per alert and a handful of Telegram messages.
 */
final class AlertsListener {

    private static final Logger log = LoggerFactory.getLogger(AlertsListener.class);

    private final AlertFolds folds;
    private final NotifierDatabase database;
    private final AdminMessages admins;
    private final Clock clock;

    AlertsListener(AlertFolds folds, NotifierDatabase database, AdminMessages admins, Clock clock) {
        this.folds = folds;
        this.database = database;
        this.admins = admins;
        this.clock = clock;
    }

    @KafkaListener(id = "notifier-alerts", groupId = "contactdesk-notifier-alerts",
            containerFactory = AdminAlertsConfiguration.CONTAINER_FACTORY,
            topics = "#{T(io.contactdesk.contracts.topics.Topics).ALERTS.name()}")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<OpsAlert> toSend = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                for (ConsumerRecord<String, byte[]> record : records) {
                    OpsAlert alert = parse(record);
                    if (alert != null && folds.fold(connection, alert, now) == AlertFolds.AlertAction.SEND_NOW) {
                        toSend.add(alert);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // The container offers the batch again: nothing was decided, nothing is lost.
            throw new DataAccessResourceFailureException("cannot fold alerts: " + e.getMessage(), e);
        }
        toSend.forEach(alert -> admins.send(AlertText.first(alert)));
    }

    /** The alert with a fingerprint to fold by; null for a record that is no alert (skipped: alerts have no DLQ). */
    private static OpsAlert parse(ConsumerRecord<String, byte[]> record) {
        OpsAlert alert;
        try {
            alert = record.value() == null ? null
                    : Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.warn("ops.alerts record {}@{}: not an OpsAlert, skipped", record.partition(), record.offset());
            return null;
        }
        if (alert == null) {
            return null;
        }
        String fingerprint = firstOf(alert.fingerprint(), record.key(), alert.service() + ":" + alert.message());
        String id = firstOf(alert.alertId(), record.topic() + "-" + record.partition() + "@" + record.offset(), null);
        return new OpsAlert(id, alert.severity(), alert.service(), alert.instance(), fingerprint, alert.message(),
                alert.stackHead(), alert.at());
    }

    private static String firstOf(String a, String b, String c) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : c;
    }
}
