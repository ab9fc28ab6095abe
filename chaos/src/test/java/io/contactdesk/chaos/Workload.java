package io.contactdesk.chaos;

import io.contactdesk.infra.process.ServiceProcess;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated users and one admin driving the bot through the sandbox, paced, while recording in each {@link SimUser}
 * what the bot owes them. Users start (and now and then start again), ask their balance, browse and tap Unlock until
 * their credits run out; the admin grants and revokes credits. Every grant and revoke carries a marker as its reason,
 * so that its ledger row can be told apart from every other.
 */
final class Workload {

    private static final Logger log = LoggerFactory.getLogger(Workload.class);

    private final SandboxClient chats;
    private final List<String> listings;
    final List<SimUser> users = new ArrayList<>();
    final SimUser admin;
    private final Pace pace;
    // Each grant also answers the admin, in one chat, where Telegram allows 1 message a second, and the admin gets the
    // alerts too. At 0.8 a second (until 2026-12-06) every outage left a backlog in that chat which the rest of the load
    // could only drain at 0.2 a second (a 30-minute run's drain ended at 1 reply a second for over 10 minutes).
    private final Pace adminPace = new Pace(0.4);
    private final AtomicLong updatesSent = new AtomicLong();
    private final AtomicLong markers = new AtomicLong();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    Workload(SandboxClient chats, List<String> listings, long firstUser, int count, long adminId, double rate) {
        this.chats = chats;
        this.listings = listings;
        for (int i = 0; i < count; i++) {
            users.add(new SimUser(firstUser + i));
        }
        this.admin = new SimUser(adminId);
        this.pace = new Pace(rate);
    }

    long updatesSent() {
        return updatesSent.get();
    }

    /** Users and the admin together. */
    List<SimUser> everyone() {
        List<SimUser> all = new ArrayList<>(users);
        all.add(admin);
        return all;
    }

    /** Starts {@code workers} user threads and the admin's; they stop by themselves at {@code loadEndNanos}. */
    List<Thread> start(int workers, long seed, long loadEndNanos) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<SimUser> mine = new ArrayList<>();
            for (int i = w; i < users.size(); i += workers) {
                mine.add(users.get(i));
            }
            Random random = new Random(seed * 31 + w);
            threads.add(daemon("worker-" + w, () -> work(mine, random, loadEndNanos)));
        }
        Random random = new Random(seed * 17);
        threads.add(daemon("admin", () -> administer(random, loadEndNanos)));
        threads.forEach(Thread::start);
        return threads;
    }

    /** The user blocks the bot; what the bot still owed them may never arrive. */
    void block(SimUser user) {
        ReplyMatcher.Result sofar = ReplyMatcher.match(user.expected(), seen(user.id));
        Instant at = Instant.now();
        chats.userBlocksTheBot(user.id);
        user.blocked(sofar, at);
        log.info("user {} blocked the bot", user.id);
    }

    /** The user unblocks the bot (the bot greets them once) and writes /start, as Telegram's client does. */
    void unblock(SimUser user) {
        Instant at = Instant.now();
        long membership = chats.userUnblocksTheBot(user.id);
        user.unblocked(at);
        if (membership >= 0) {
            user.sentCommand(membership, ReplyKind.UNBLOCKED, at);
        }
        command(user, "/start", ReplyKind.START);
        log.info("user {} unblocked the bot and sent /start", user.id);
    }

    /** /balance for every user who started, once the pipeline is quiet: the processor's own view of each balance. */
    void balanceRound() {
        for (SimUser user : everyone()) {
            if (user.started()) {
                command(user, "/balance", ReplyKind.BALANCE);
            }
        }
    }

    List<ReplyMatcher.Seen> seen(long chatId) {
        return BotMessage.in(chats, chatId).stream().map(BotMessage::seen).toList();
    }

    private void work(List<SimUser> mine, Random random, long loadEnd) {
        while (System.nanoTime() < loadEnd) {
            SimUser user = mine.get(random.nextInt(mine.size()));
            try {
                pace.awaitSlot();
                step(user, random);
            } catch (RuntimeException e) {
                problems.add("workload: " + e);
                ServiceProcess.sleep(500);
            }
            ServiceProcess.sleep(40 + random.nextInt(120));
        }
    }

    private void step(SimUser user, Random random) {
        if (user.isBlocked()) {
            return;
        }
        if (!user.started()) {
            command(user, "/start", ReplyKind.START);
            user.markStarted();
            return;
        }
        int dice = random.nextInt(100);
        if (dice < 5) {
            command(user, "/start", ReplyKind.START);
        } else if (dice < 30) {
            command(user, "/balance", ReplyKind.BALANCE);
        } else if (dice < 55) {
            command(user, "/browse", ReplyKind.BROWSE);
        } else {
            unlock(user, random);
        }
    }

    /**
     * A tap on Unlock on a /browse message not tapped before (so its final text shows whether it revealed the
     * contact). Mostly a listing the user has not tapped yet, so credits run out and "not enough credits" is met.
     */
    private void unlock(SimUser user, Random random) {
        List<BotMessage> messages = BotMessage.in(chats, user.id);
        if (messages.stream().anyMatch(m -> m.text().startsWith("Welcome"))) {
            user.markWelcomed();
        }
        BotMessage browse = messages.stream()
                .filter(m -> m.text().contains("choose a category") && !user.hasTapped(m.messageId()))
                .findFirst().orElse(null);
        if (browse == null) {
            command(user, "/browse", ReplyKind.BROWSE);
            return;
        }
        List<String> fresh = listings.stream().filter(id -> !user.hasTappedListing(id)).toList();
        String listing = !fresh.isEmpty() && random.nextInt(100) < 70 ? fresh.get(random.nextInt(fresh.size()))
                : listings.get(random.nextInt(listings.size()));
        Instant at = Instant.now();
        SandboxClient.Tap tap = chats.userTaps(user.id, browse.messageId(), "u:" + listing);
        sent(tap.updateId());
        user.tapped(browse.messageId(), listing, tap.updateId(), tap.callbackQueryId(), at);
    }

    private void administer(Random random, long loadEnd) {
        command(admin, "/start", ReplyKind.START);
        admin.markStarted();
        while (System.nanoTime() < loadEnd) {
            ServiceProcess.sleep(150 + random.nextInt(300));
            try {
                SimUser user = users.get(random.nextInt(users.size()));
                // The processor refuses to change an account it does not know yet: only welcomed users.
                if (!user.started() || !welcomed(user)) {
                    continue;
                }
                adminPace.awaitSlot();
                pace.awaitSlot();
                String marker;
                long amount;
                Instant at = Instant.now();
                if (random.nextInt(100) < 75) {
                    marker = "g" + markers.incrementAndGet();
                    amount = 1 + random.nextInt(2);
                    long updateId = sent(write(admin.id, "/grant " + user.id + " " + amount + " " + marker));
                    admin.sentCommand(updateId, ReplyKind.GRANTED, ReplyKind.accountLane(user.id), at);
                    user.granted(marker, amount, updateId, at);
                } else {
                    marker = "r" + markers.incrementAndGet();
                    amount = 1 + random.nextInt(3);
                    long updateId = sent(write(admin.id, "/revoke " + user.id + " " + amount + " " + marker));
                    admin.sentCommand(updateId, ReplyKind.REVOKED, ReplyKind.accountLane(user.id), at);
                    user.revoked(marker, amount);
                }
            } catch (RuntimeException e) {
                problems.add("admin: " + e);
            }
        }
    }

    private boolean welcomed(SimUser user) {
        if (!user.welcomed() && BotMessage.in(chats, user.id).stream().anyMatch(m -> m.text().startsWith("Welcome"))) {
            user.markWelcomed();
        }
        return user.welcomed();
    }

    private void command(SimUser user, String text, ReplyKind kind) {
        Instant at = Instant.now();
        user.sentCommand(sent(write(user.id, text)), kind, at);
    }

    /** A message from a simulated user, who is named after their id (the greetings name the user). */
    private long write(long userId, String text) {
        return chats.userWrites(userId, "U" + userId, text);
    }

    private long sent(long updateId) {
        updatesSent.incrementAndGet();
        return updateId;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "chaos-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** Waits (bounded) until every chat shows at least as many messages as it is owed. */
    void awaitReplies(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (SimUser user : everyone()) {
            while (chats.messages(user.id).size() < user.expected().stream().filter(e -> !e.optional()).count()
                    && System.nanoTime() < deadline) {
                ServiceProcess.sleep(250);
            }
        }
    }
}
