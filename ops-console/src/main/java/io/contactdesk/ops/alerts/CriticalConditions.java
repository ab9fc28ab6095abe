package io.contactdesk.ops.alerts;

import io.contactdesk.contracts.alerts.AlertFingerprint;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conditions an operator must hear about even when no log line says so: an instance silent for a minute, a
 * dead-letter topic that grew, a consumer group lagging above the threshold for two minutes. Checked on every lag
 * sample; while a condition holds it is raised again each time, and the notifier folds the repeats.
 */
public final class CriticalConditions {

    static final String SERVICE = "ops-console";

    private final Duration silentAfter;
    private final long lagThreshold;
    private final Duration lagFor;
    private final Map<String, Instant> laggingSince = new HashMap<>();
    private final Map<String, Long> deadLetterCounts = new HashMap<>();

    public CriticalConditions(Duration silentAfter, long lagThreshold, Duration lagFor) {
        this.silentAfter = silentAfter;
        this.lagThreshold = lagThreshold;
        this.lagFor = lagFor;
    }

    public synchronized List<OpsAlert> check(List<InstanceView> instances, List<GroupLag> lag,
            Map<String, Long> deadLetters, Instant now) {
        List<OpsAlert> alerts = new ArrayList<>();
        for (InstanceView instance : instances) {
            if (!"STOPPED".equals(instance.state()) && instance.secondsSinceSeen() >= silentAfter.toSeconds()) {
                alerts.add(alert("CRITICAL", "silent:" + instance.service() + "/" + instance.instance(),
                        instance.service() + " on " + instance.host() + " (" + instance.instance() + ") has been silent for "
                                + instance.secondsSinceSeen() + " s", now));
            }
        }
        for (GroupLag group : lag) {
            if (group.totalLag() <= lagThreshold) {
                laggingSince.remove(group.group());
                continue;
            }
            Instant since = laggingSince.computeIfAbsent(group.group(), g -> now);
            if (!since.plus(lagFor).isAfter(now)) {
                alerts.add(alert("CRITICAL", "lag:" + group.group(), "consumer group " + group.group() + " lags by "
                        + group.totalLag() + " records (above " + lagThreshold + " for "
                        + Duration.between(since, now).toSeconds() + " s)", now));
            }
        }
        deadLetters.forEach((topic, count) -> {
            if (count == null) {
                return;
            }
            Long before = deadLetterCounts.put(topic, count);
            if (before != null && count > before) {
                alerts.add(alert("ERROR", "dlq:" + topic, topic + " grew by " + (count - before) + " (now " + count
                        + " records): something could not be processed", now));
            }
        });
        return alerts;
    }

    private static OpsAlert alert(String severity, String condition, String message, Instant now) {
        return new OpsAlert(UUID.randomUUID().toString(), severity, SERVICE, "watch",
                AlertFingerprint.of(SERVICE, "condition", condition, null), message, null, now);
    }
}
