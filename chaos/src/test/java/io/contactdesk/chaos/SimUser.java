package io.contactdesk.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated Telegram user and everything the driver sent for it: the replies its chat must show, in order, and the
 * credits it must have. Touched by its own worker thread, and by the admin thread for grants and revokes.
 */
final class SimUser {

    /** A tap on Unlock; {@code fresh} when the listing was not unlocked by an earlier tap of the driver's. */
    record Tap(long messageId, String listingId, long updateId, String callbackQueryId, Instant at) {
    }

    /** A grant's 🎁 notice is not owed while the user has blocked the bot, nor shortly after they unblock. */
    private static final Duration UNBLOCK_GRACE = Duration.ofSeconds(30);

    final long id;
    private final List<ReplyMatcher.Expected> expected = new ArrayList<>();
    private final List<Tap> taps = new ArrayList<>();
    private final Set<Long> tappedMessages = new HashSet<>();
    private final Set<String> tappedListings = new HashSet<>();
    private final Map<String, Long> grants = new LinkedHashMap<>();
    private final Map<String, Long> revokes = new LinkedHashMap<>();
    private int commands;
    private boolean started;
    private volatile boolean welcomed;
    private volatile boolean blocked;
    private Instant unblockedAt = Instant.MIN;
    private Instant blockedAt;

    SimUser(long id) {
        this.id = id;
    }

    /** A command that the bot answers with one new message of {@code kind} in this user's chat. */
    synchronized void sentCommand(long updateId, ReplyKind kind, Instant at) {
        sentCommand(updateId, kind, ReplyKind.OWN, at);
    }

    /** A command answered in this chat from another lane (an admin's grant, confirmed after the user's partition). */
    synchronized void sentCommand(long updateId, ReplyKind kind, String lane, Instant at) {
        expected.add(new ReplyMatcher.Expected(updateId, kind, lane, at, false));
        commands++;
    }

    synchronized void tapped(long messageId, String listingId, long updateId, String callbackQueryId, Instant at) {
        taps.add(new Tap(messageId, listingId, updateId, callbackQueryId, at));
        tappedMessages.add(messageId);
        tappedListings.add(listingId);
    }

    /** An admin granted credits: one more ledger entry, and a 🎁 notice in this chat (unless the bot is blocked). */
    synchronized void granted(String marker, long amount, long updateId, Instant at) {
        grants.put(marker, amount);
        boolean owed = !blocked && at.isAfter(unblockedAt.plus(UNBLOCK_GRACE));
        expected.add(new ReplyMatcher.Expected(updateId, ReplyKind.GIFT, ReplyKind.GIFTS, at, !owed));
    }

    /** An admin asked to revoke credits: at most that many leave, and nothing is said to the user. */
    synchronized void revoked(String marker, long amount) {
        revokes.put(marker, amount);
    }

    /**
     * The user blocks the bot: replies not delivered yet may never be (the notifier meets 403), so they are no longer
     * owed. {@code delivered} is the pairing of the chat so far, taken just before the block.
     */
    synchronized void blocked(ReplyMatcher.Result delivered, Instant at) {
        blocked = true;
        blockedAt = at;
        Set<ReplyMatcher.Expected> missing = new HashSet<>(delivered.lost());
        expected.replaceAll(e -> missing.contains(e)
                ? new ReplyMatcher.Expected(e.updateId(), e.kind(), e.lane(), e.sentAt(), true) : e);
    }

    synchronized void unblocked(Instant at) {
        blocked = false;
        unblockedAt = at;
    }

    /** When the user blocked the bot, or null if never. */
    synchronized Instant blockedAt() {
        return blockedAt;
    }

    boolean isBlocked() {
        return blocked;
    }

    synchronized boolean hasTapped(long messageId) {
        return tappedMessages.contains(messageId);
    }

    synchronized boolean hasTappedListing(String listingId) {
        return tappedListings.contains(listingId);
    }

    synchronized void markStarted() {
        started = true;
    }

    synchronized boolean started() {
        return started;
    }

    void markWelcomed() {
        welcomed = true;
    }

    boolean welcomed() {
        return welcomed;
    }

    synchronized int commandsSent() {
        return commands;
    }

    synchronized List<ReplyMatcher.Expected> expected() {
        return List.copyOf(expected);
    }

    synchronized List<Tap> taps() {
        return List.copyOf(taps);
    }

    synchronized Map<String, Long> grants() {
        return Map.copyOf(grants);
    }

    synchronized Map<String, Long> revokes() {
        return Map.copyOf(revokes);
    }
}
