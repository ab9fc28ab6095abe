package io.contactdesk.processor.commands;

import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.ratelimit.RateLimiter;
import io.contactdesk.processor.updates.MembershipUpdate;
import java.time.Instant;
import java.util.Optional;

/**
 * A user blocked or unblocked the bot in their private chat ({@code my_chat_member}). Blocking is recorded on the
 * account, as a 403 from the notifier is, so nothing more is queued for them; unblocking clears it and welcomes them
 * back.
 */
final class MembershipFlow {

    private final BotRules rules;

    MembershipFlow(BotRules rules) {
        this.rules = rules;
    }

    /** What to store and say, or empty when there is nothing to do (no account, or nothing changed). */
    Optional<Outcome> changed(BotState state, Account known, MembershipUpdate change, Instant now) {
        if (known == null) {
            return Optional.empty();
        }
        long user = known.userId();
        if (change.blocksBot()) {
            if (known.profile().blocked()) {
                return Optional.empty();
            }
            // A draft left open would time out into a notice nobody can receive.
            state.sessions().delete(user);
            return Optional.of(conversation(known, known.blockedAt(now), change, now).outcome());
        }
        if (!change.unblocksBot()) {
            return Optional.empty();
        }
        // Telegram's current names come with the change, as with any message.
        Conversation conversation = conversation(known, known.seenAs(change.from(), rules.isAdmin(user), now), change, now);
        if (!known.banned() && withinRateLimit(state, user, now)) {
            conversation.reply(conversation.texts().unblocked());
        }
        return Optional.of(conversation.outcome());
    }

    /**
     * Blocking and unblocking over and over would make the bot greet each time: the greeting counts against the
     * user's rate limit like a message, and over it the unblock is recorded silently.
     */
    private boolean withinRateLimit(BotState state, long user, Instant now) {
        if (rules.isAdmin(user)) {
            return true;
        }
        RateLimiter.RateCheck decision = rules.rateLimiter().decide(state.rateWindows().get(user), now);
        state.rateWindows().put(user, decision.window());
        return decision.verdict() == RateLimiter.Verdict.ALLOW;
    }

    private static Conversation conversation(Account known, Account changed, MembershipUpdate change, Instant now) {
        return new Conversation(change.causeId(), known.userId(), known, changed, false, now);
    }
}
