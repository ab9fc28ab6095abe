package io.contactdesk.processor.admin;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.processor.language.Language;
import java.time.Instant;

/**
 * A change to another user's account, decided elsewhere (an admin's command, a moderation decision) and applied by
 * the task that owns that user: it travels keyed by the target's id, so their balance is only ever changed in one
 * place, in order.
 *
 * @param commandId deterministic, derived from the cause
 * @param replyChatId who is told the result (the admin), or 0
 * @param replyLanguage the code of the language the admin is told in (null, as in records from before it: English)
 * @param listing the submitted listing an admin is asked to review ({@link AccountCommandType#REVIEW_REQUESTED}),
 *                else null
 */
public record AccountCommand(
        String commandId,
        long targetUserId,
        AccountCommandType type,
        long amount,
        String reason,
        long actorId,
        long replyChatId,
        String listingTitle,
        Instant at,
        String replyLanguage,
        Listing listing) {

    /** The language the result is told in: the admin's own, where their account lives (another task). */
    public Language replyIn() {
        return Language.of(replyLanguage).orElse(Language.FALLBACK);
    }
}
