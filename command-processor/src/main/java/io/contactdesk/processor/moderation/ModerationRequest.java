package io.contactdesk.processor.moderation;

import io.contactdesk.processor.language.Language;
import java.time.Instant;

/**
 * An admin's Approve or Reject tap, re-keyed by listing id so that every decision on one listing meets in one task:
 * the first one wins, the others are told it was already decided.
 *
 * @param language the code of the admin's language, in which they are answered (null, as in older records: English)
 */
public record ModerationRequest(
        String requestId,
        String listingId,
        boolean approve,
        long adminId,
        long chatId,
        long messageId,
        String callbackQueryId,
        Instant at,
        String language) {

    public Language answerIn() {
        return Language.of(language).orElse(Language.FALLBACK);
    }
}
