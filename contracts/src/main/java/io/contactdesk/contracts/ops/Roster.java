package io.contactdesk.contracts.ops;

import io.contactdesk.contracts.events.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * Which instances operators still see, in the console and in {@code /health}. Every process start is a new instance
 * id, so without this each crash, redeploy or scale-down would leave a silent instance, and its "silent" alert,
 * behind for ever.
 *
 * <p>An instance that stopped or went silent is retired once it has been so for {@code retireAfter} and its service
 * has a live instance: something replaced it. A service with no live instance keeps its most recently seen one,
 * so the operators still see, and are still alerted, that it is down.
 */
public record Roster(Duration silentAfter, Duration retireAfter) {

    /** Heartbeats come every 10 s: three missed ones make an instance silent. */
    public static final Duration SILENT_AFTER = Duration.ofSeconds(30);
    public static final Duration RETIRE_AFTER = Duration.ofMinutes(10);
    private static final BinaryOperator<Heartbeat> LAST_SEEN =
            BinaryOperator.maxBy(Comparator.comparing(Roster::at));

    public Roster {
        if (silentAfter == null || retireAfter == null || retireAfter.compareTo(silentAfter) <= 0) {
            throw new IllegalArgumentException("retireAfter must be longer than silentAfter, got " + retireAfter
                    + " and " + silentAfter);
        }
    }

    /** The defaults the console uses unless configured otherwise. */
    public static Roster standard() {
        return new Roster(SILENT_AFTER, RETIRE_AFTER);
    }

    public List<Heartbeat> current(Collection<Heartbeat> latest, Instant now) {
        Set<String> servicesWithLiveInstance = latest.stream().filter(beat -> live(beat, now))
                .map(Heartbeat::service).collect(Collectors.toSet());
        Map<String, Heartbeat> lastSeenOfDownService = latest.stream()
                .filter(beat -> !servicesWithLiveInstance.contains(beat.service()))
                .collect(Collectors.toMap(Heartbeat::service, beat -> beat, LAST_SEEN));
        return latest.stream()
                .filter(beat -> live(beat, now) || sinceSeen(beat, now).compareTo(retireAfter) < 0
                        || lastSeenOfDownService.get(beat.service()) == beat)
                .toList();
    }

    /** Beating, and not stopped: one of its service's running instances. */
    public boolean live(Heartbeat beat, Instant now) {
        return !silent(beat, now) && !HeartbeatPublisher.STOPPED.equals(beat.state());
    }

    /** Not heard from for longer than {@code silentAfter}. */
    public boolean silent(Heartbeat beat, Instant now) {
        return sinceSeen(beat, now).compareTo(silentAfter) > 0;
    }

    private static Duration sinceSeen(Heartbeat beat, Instant now) {
        return Duration.between(at(beat), now);
    }

    private static Instant at(Heartbeat beat) {
        return beat.at() == null ? Instant.EPOCH : beat.at();
    }
}
