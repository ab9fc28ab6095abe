package io.contactdesk.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pairs the replies a chat must have (one per command, in the order the commands were sent) with the messages the bot
 * left there, in order, by kind, and never a message sent before its command. A chat's updates are handled and its
 * replies delivered in order, so the pairing is the longest common subsequence; an expected reply left over is lost, a
 * message left over is a duplicate (or a reply nobody asked for).
 *
 * <p>Messages caused by someone else's command (an admin's grant: the 🎁 notice in the user's chat, the confirmation
 * in the admin's) are applied on another partition and interleave freely with the chat's own replies: each such
 * source is a lane of its own, ordered within itself only.
 */
final class ReplyMatcher {

    /** A reply the driver expects; an optional one (a user blocked the bot meanwhile) may be missing without blame. */
    record Expected(long updateId, ReplyKind kind, String lane, Instant sentAt, boolean optional) {
        Expected(long updateId, ReplyKind kind, Instant sentAt, boolean optional) {
            this(updateId, kind, ReplyKind.OWN, sentAt, optional);
        }
    }

    /** A message the bot left in the chat. */
    record Seen(long messageId, ReplyKind kind, String lane, Instant sentAt) {
        Seen(long messageId, ReplyKind kind, Instant sentAt) {
            this(messageId, kind, ReplyKind.OWN, sentAt);
        }
    }

    /**
     * @param lost       expected, not optional, without a message
     * @param duplicates messages without a command, each with the earlier message of its kind it repeats (or null)
     */
    record Result(List<Expected> lost, List<Duplicate> duplicates, int matched) {
    }

    record Duplicate(Seen message, Seen original) {
    }

    private ReplyMatcher() {
    }

    static Result match(List<Expected> expected, List<Seen> seen) {
        Set<String> lanes = new TreeSet<>();
        expected.forEach(e -> lanes.add(e.lane()));
        seen.forEach(m -> lanes.add(m.lane()));
        List<Expected> lost = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        int matched = 0;
        for (String lane : lanes) {
            Result one = matchLane(expected.stream().filter(e -> e.lane().equals(lane)).toList(),
                    seen.stream().filter(m -> m.lane().equals(lane)).toList());
            lost.addAll(one.lost());
            duplicates.addAll(one.duplicates());
            matched += one.matched();
        }
        return new Result(lost, duplicates, matched);
    }

    private static Result matchLane(List<Expected> expected, List<Seen> seen) {
        int n = expected.size();
        int m = seen.size();
        // Weights: a match always beats none, and a required match beats an optional one.
        int[][] best = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                int skip = Math.max(best[i + 1][j], best[i][j + 1]);
                best[i][j] = pairs(expected.get(i), seen.get(j)) ? Math.max(skip, weight(expected.get(i)) + best[i + 1][j + 1])
                        : skip;
            }
        }
        List<Expected> lost = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        List<Seen> matchedMessages = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && pairs(expected.get(i), seen.get(j))
                    && best[i][j] == weight(expected.get(i)) + best[i + 1][j + 1]) {
                matchedMessages.add(seen.get(j));
                i++;
                j++;
            } else if (i < n && (j == m || best[i][j] == best[i + 1][j])) {
                if (!expected.get(i).optional()) {
                    lost.add(expected.get(i));
                }
                i++;
            } else {
                Seen extra = seen.get(j);
                Seen original = null;
                for (Seen earlier : matchedMessages) {
                    if (earlier.kind() == extra.kind()) {
                        original = earlier;
                    }
                }
                duplicates.add(new Duplicate(extra, original));
                j++;
            }
        }
        return new Result(lost, duplicates, matchedMessages.size());
    }

    private static boolean pairs(Expected expected, Seen seen) {
        return expected.kind() == seen.kind() && !seen.sentAt().isBefore(expected.sentAt());
    }

    private static int weight(Expected expected) {
        return expected.optional() ? 2 : 3;
    }
}
