package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * What the bot knows of a Telegram user: the latest value per user on the compacted {@code users} topic.
 *
 * @param blocked the user blocked the bot (sends to them fail with 403)
 * @param banned an admin banned the user
 * @param forgottenAt when the user last had the bot forget them ({@code /forgetme}), else null; kept when they come
 *     back, because it is also the line before which the db-writer refuses to bring back their unlocks or ledger
 *     reasons from replayed records
 */
public record UserProfile(
        long userId,
        String username,
        String firstName,
        String languageCode,
        boolean admin,
        boolean banned,
        boolean blocked,
        Instant registeredAt,
        Instant updatedAt,
        Instant forgottenAt) {

    /** A profile of someone who never asked to be forgotten. */
    public UserProfile(long userId, String username, String firstName, String languageCode, boolean admin,
            boolean banned, boolean blocked, Instant registeredAt, Instant updatedAt) {
        this(userId, username, firstName, languageCode, admin, banned, blocked, registeredAt, updatedAt, null);
    }
}
