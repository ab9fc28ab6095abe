package io.contactdesk.ops.board;

import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which instances the console still lists. Every process start is a new instance id, so without this each crash,
 * redeploy or scale-down would leave a silent row, and a "silent" alert, behind for ever.
 *
 * <p>An instance that stopped or went silent is retired once it has been so for {@code retireAfter} and its service
 * has a live instance: something replaced it. A service with no live instance keeps its most recently seen one,
 * so the operators still see, and are still alerted, that it is down.
 */
public final class Roster {

    private final Duration retireAfter;

    public Roster(Duration retireAfter) {
        this.retireAfter = retireAfter;
    }

    public List<InstanceView> current(List<InstanceView> instances) {
        Set<String> servicesWithLiveInstance = instances.stream().filter(Roster::live).map(InstanceView::service)
                .collect(Collectors.toSet());
        Map<String, InstanceView> lastSeenOfDownService = instances.stream()
                .filter(i -> !servicesWithLiveInstance.contains(i.service()))
                .collect(Collectors.toMap(InstanceView::service, i -> i,
                        (a, b) -> Comparator.comparingLong(InstanceView::lastSeen).compare(a, b) >= 0 ? a : b));
        return instances.stream()
                .filter(i -> live(i) || !due(i) || lastSeenOfDownService.get(i.service()) == i)
                .toList();
    }

    /** Beating and not stopped: it counts as one of its service's running instances. */
    public static boolean live(InstanceView instance) {
        return !instance.silent() && !HeartbeatPublisher.STOPPED.equals(instance.state());
    }

    private boolean due(InstanceView instance) {
        return instance.secondsSinceSeen() >= retireAfter.toSeconds();
    }
}
