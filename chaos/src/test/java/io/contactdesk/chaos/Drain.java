package io.contactdesk.chaos;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.process.ServiceProcess;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits (bounded) until the processor, the notifiers and db-writer have consumed everything and no update is pending. */
final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private Drain() {
    }

    /** The lag seen last; a drain not done in time adds a problem. */
    static Map<String, Map<String, Long>> await(Stack stack, Duration limit, String when, Collection<String> problems) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("contactdesk-command-processor", List.of(Topics.UPDATES.name()));
        groups.put("contactdesk-notifier", List.of(Topics.OUTBOX.name()));
        groups.put("contactdesk-db-writer", List.of(Topics.LEDGER.name(), Topics.USERS.name(), Topics.UNLOCKS.name(),
                Topics.LISTINGS.name(), Topics.AUDIT.name()));
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        Map<String, Map<String, Long>> lag = new LinkedHashMap<>();
        long lastReport = started;
        while (true) {
            lag.clear();
            boolean drained = stack.chats.stats().path("updates_pending").asLong() == 0;
            for (var group : groups.entrySet()) {
                try {
                    Map<String, Long> groupLag = LagPerTopic.of(stack.broker.bootstrapServers(), group.getKey(),
                            group.getValue());
                    lag.put(group.getKey(), groupLag);
                    drained &= LagPerTopic.total(groupLag) == 0;
                } catch (Exception e) {
                    lag.put(group.getKey(), Map.of("(unreadable: " + e + ")", -1L));
                    drained = false;
                }
            }
            if (drained) {
                log.info("drained {} in {} s", when, (System.nanoTime() - started) / 1_000_000_000);
                // Lag 0 means committed; give the last calls and inserts a moment to land.
                ServiceProcess.sleep(2000);
                return lag;
            }
            if (System.nanoTime() - lastReport > 15_000_000_000L) {
                lastReport = System.nanoTime();
                log.info("draining {}: {} s, lag {}, sandbox updates pending {}", when,
                        (lastReport - started) / 1_000_000_000, lag, stack.chats.stats().path("updates_pending").asLong());
            }
            if (System.nanoTime() > deadline) {
                problems.add("not drained " + limit.toSeconds() + " s " + when + ": lag " + lag
                        + ", sandbox updates pending " + stack.chats.stats().path("updates_pending").asLong());
                return lag;
            }
            ServiceProcess.sleep(1000);
        }
    }
}
