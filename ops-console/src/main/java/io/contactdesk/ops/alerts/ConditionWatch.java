package io.contactdesk.ops.alerts;

import io.contactdesk.contracts.alerts.AlertPublisher;
import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.ops.board.HeartbeatBoard;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** Runs the {@link CriticalConditions} on every lag sample and publishes what they raise to {@code ops.alerts}. */
public final class ConditionWatch implements Consumer<List<GroupLag>> {

    private final CriticalConditions conditions;
    private final HeartbeatBoard instances;
    private final ConsumerLag lag;
    private final AlertPublisher alerts;
    private final Clock clock;

    public ConditionWatch(CriticalConditions conditions, HeartbeatBoard instances, ConsumerLag lag, AlertPublisher alerts,
            Clock clock) {
        this.conditions = conditions;
        this.instances = instances;
        this.lag = lag;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public void accept(List<GroupLag> snapshot) {
        List<String> deadLetterTopics = Topics.deadLetterTopicNames();
        conditions.check(instances.instances(), snapshot, lag.topicEndOffsets(deadLetterTopics), clock.instant())
                .forEach(alerts::publish);
    }
}
