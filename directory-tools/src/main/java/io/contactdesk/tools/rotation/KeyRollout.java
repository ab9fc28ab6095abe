package io.contactdesk.tools.rotation;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.Roster;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a key has reached every running service, told from the instances' heartbeats (they carry the ids of their
 * ring's keys, never the keys). Re-encrypting the directory to a key some running notifier or processor lacks would
 * make every contact it serves unopenable there until it restarts: the rotation runs only once none lacks it.
 *
 * <p>Only running instances count ({@link Roster#live}): a stopped or silent one will start with whatever ring is
 * deployed by then. An instance whose heartbeat has no key ids at all (a version from before heartbeats carried
 * them) cannot show it holds the key, so it counts as lacking it.
 */
final class KeyRollout {

    private KeyRollout() {
    }

    /** One line per running instance that lacks {@code keyId}: {@code service/instance (holds k1, k2)}. */
    static List<String> lacking(Collection<Heartbeat> heartbeats, String keyId, Roster roster, Instant now) {
        return heartbeats.stream()
                .filter(beat -> roster.live(beat, now))
                .filter(beat -> beat.keyIds() == null || (!beat.keyIds().isEmpty() && !beat.keyIds().contains(keyId)))
                .sorted(Comparator.comparing(Heartbeat::key))
                .map(beat -> beat.key() + (beat.keyIds() == null ? " (reports no key ids: restart it on this version)"
                        : " (holds " + String.join(", ", beat.keyIds()) + ")"))
                .toList();
    }
}
