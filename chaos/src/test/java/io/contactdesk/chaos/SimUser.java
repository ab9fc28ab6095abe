package io.contactdesk.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated Telegram user and everything the driver sent for it: enough to know, after the storm, how many replies
 * and which credits it must have. Touched by its own worker thread, and by the admin thread for grants.
 */
final class SimUser {

    record Tap(long messageId, String listingId, long updateId) {
    }

    final long id;
    private final List<Long> updateIds = new ArrayList<>();
    private int commandsExpectingMessage;
    private int grants;
    private long granted;
    private final List<Tap> taps = new ArrayList<>();
    private final Set<Long> tappedMessages = new HashSet<>();
    private final Set<String> unlocked = new LinkedHashSet<>();
    private boolean started;
    private volatile boolean welcomed;

    SimUser(long id) {
        this.id = id;
    }

    /** A command that the bot answers with exactly one new message in this user's chat. */
    synchronized void sentCommand(long updateId) {
        updateIds.add(updateId);
        commandsExpectingMessage++;
    }

    synchronized void tapped(long messageId, String listingId, long updateId) {
        updateIds.add(updateId);
        taps.add(new Tap(messageId, listingId, updateId));
        tappedMessages.add(messageId);
        unlocked.add(listingId);
    }

    /** An admin granted credits: one more ledger entry, and one more message (the 🎁 notice) in this chat. */
    synchronized void granted(long amount) {
        grants++;
        granted += amount;
    }

    synchronized boolean hasTapped(long messageId) {
        return tappedMessages.contains(messageId);
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
        return commandsExpectingMessage;
    }

    synchronized int grants() {
        return grants;
    }

    synchronized long grantedCredits() {
        return granted;
    }

    synchronized Set<String> unlocked() {
        return Set.copyOf(unlocked);
    }

    synchronized List<Tap> taps() {
        return List.copyOf(taps);
    }

    synchronized List<Long> updateIds() {
        return List.copyOf(updateIds);
    }

    /** New messages the bot must have sent this user: one per command, one per grant received. */
    synchronized int expectedMessages() {
        return commandsExpectingMessage + grants;
    }

    /** What the balance must be: the sign-up bonus, plus grants, minus one per distinct listing unlocked. */
    synchronized long expectedBalance(long signupBonus, long unlockCost) {
        return signupBonus + granted - unlockCost * unlocked.size();
    }
}
