package io.contactdesk.processor.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A listing being written step by step (/submit for users, /addlisting for admins). Kept in the {@code sessions}
 * store, so it survives a processor restart. The contact is sealed as soon as it is typed: the draft never holds it
 * in clear.
 *
 * @param sessionId carried by the session's buttons, so a button of an older or another user's session does nothing
 * @param listingId the listing this becomes; the contact envelope is bound to it
 */
public record SubmitSession(
        String sessionId,
        String listingId,
        boolean publishAtOnce,
        SubmitStep step,
        String title,
        String category,
        String city,
        String description,
        String sealedContact,
        Instant startedAt,
        Instant lastActivityAt) {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

    public static SubmitSession start(String sessionId, String listingId, boolean publishAtOnce, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.TITLE, null, null, null, null, null,
                now, now);
    }

    public boolean expiredAt(Instant now) {
        return !lastActivityAt.plus(IDLE_TIMEOUT).isAfter(now);
    }

    public SubmitSession withTitle(String value, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.CATEGORY, value, category, city,
                description, sealedContact, startedAt, now);
    }

    public SubmitSession withCategory(String value, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.CITY, title, value, city,
                description, sealedContact, startedAt, now);
    }

    public SubmitSession withCity(String value, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.DESCRIPTION, title, category, value,
                description, sealedContact, startedAt, now);
    }

    public SubmitSession withDescription(String value, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.CONTACT, title, category, city,
                value, sealedContact, startedAt, now);
    }

    public SubmitSession withSealedContact(String envelope, Instant now) {
        return new SubmitSession(sessionId, listingId, publishAtOnce, SubmitStep.CONFIRM, title, category, city,
                description, envelope, startedAt, now);
    }
}
