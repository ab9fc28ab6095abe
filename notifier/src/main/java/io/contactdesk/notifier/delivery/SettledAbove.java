package io.contactdesk.notifier.delivery;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records settled above a partition's committed offset, carried in the commit's metadata. Chats finish out of
 * order, so the committed offset (the lowest unsettled record) may lie below records already sent; the partition's
 * next owner, here or in another notifier, reads this and skips them instead of sending them again.
 *
 * <p>Written as {@code v1:} and a bit set in Base64, bit {@code i} for offset {@code committed + 1 + i} (the committed
 * offset itself is unsettled). Kept under the broker's {@code offset.metadata.max.bytes} (4,096 by default): records
 * beyond what fits are left out, and would be sent again after a handover.
 */
final class SettledAbove {

    static final String VERSION = "v1:";
    // Base64 of 2,250 bytes: 18,000 records above the committed one.
    static final int MAX_CHARS = 3_000;
    private static final int MAX_BITS = MAX_CHARS / 4 * 3 * 8;

    private SettledAbove() {
    }

    /** The metadata for a commit at {@code committed}: {@code settled} are the offsets above it already settled. */
    static String encode(long committed, SortedSet<Long> settled) {
        if (settled.isEmpty()) {
            return "";
        }
        BitSet bits = new BitSet();
        for (long offset : settled) {
            long bit = offset - committed - 1;
            if (bit >= MAX_BITS) {
                break;
            }
            if (bit >= 0) {
                bits.set((int) bit);
            }
        }
        return VERSION + Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    /** The offsets above {@code committed} that {@code metadata} says were settled; none if it is not ours. */
    static NavigableSet<Long> decode(long committed, String metadata) {
        if (metadata == null || !metadata.startsWith(VERSION)) {
            return Collections.emptyNavigableSet();
        }
        BitSet bits;
        try {
            bits = BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(VERSION.length())));
        } catch (IllegalArgumentException e) {
            return Collections.emptyNavigableSet();
        }
        NavigableSet<Long> settled = new TreeSet<>();
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            settled.add(committed + 1 + bit);
        }
        return settled;
    }

    /**
     * What a partition's owner commits: its lowest unsettled record, with every record settled above it, those it
     * finished itself and those an earlier owner settled that it has not fetched yet. Leaving the latter out would
     * lose them at the first commit after a handover, when a fetch has brought only part of the window back, and a
     * second handover would then send them again (the 30-minute chaos run of 2026-12-06 12:12: 551 replies sent twice,
     * whole minutes of a chat's replies at once).
     *
     * @param lowestUnfinished the lowest record taken and not finished yet, if any
     * @param finishedAbove    records taken and finished above it
     * @param inherited        records an earlier owner settled, not fetched here yet
     * @param position         the consumer's next offset: with nothing unfinished, everything below it is settled
     */
    static OffsetAndMetadata commitPoint(OptionalLong lowestUnfinished, SortedSet<Long> finishedAbove,
            NavigableSet<Long> inherited, long position) {
        long committed;
        TreeSet<Long> above = new TreeSet<>();
        if (lowestUnfinished.isPresent()) {
            committed = lowestUnfinished.getAsLong();
            above.addAll(finishedAbove);
        } else {
            committed = position;
            // Records settled before are no less settled for lying at the position: the commit may pass them.
            while (inherited.contains(committed)) {
                committed++;
            }
        }
        above.addAll(inherited.tailSet(committed, false));
        return new OffsetAndMetadata(committed, encode(committed, above));
    }

    /** Whether {@code settled} reaches past what the metadata can carry above {@code committed}. */
    static boolean overflows(long committed, SortedSet<Long> settled) {
        return !settled.isEmpty() && settled.last() - committed - 1 >= MAX_BITS;
    }
}
