package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * What the bot knows of a Telegram user: the latest value per user on the compacted {@code users} topic.
 *
 * @param blocked the user blocked the bot (sends to them fail with 403)
 * @param banned an admin banned the user
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
        Instant updatedAt) {
}
