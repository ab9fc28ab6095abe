package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * A record a service could not process, kept with the reason so that nothing is lost and the
 * pipeline moves on. {@code payload} is the original value bytes (base64 in JSON).
 */
public record DeadLetter(
        String sourceTopic,
        int partition,
        long offset,
        String key,
        byte[] payload,
        String reason,
        String service,
        Instant failedAt) {

    /** Reasons are bounded: a stack of nested causes must not blow up the dead-letter record. */
    static final int MAX_REASON_LENGTH = 2000;

    public static DeadLetter of(
            String sourceTopic, int partition, long offset, String key, byte[] payload, Throwable error,
            String service, Instant at) {
        return new DeadLetter(sourceTopic, partition, offset, key, payload, reasonOf(error), service, at);
    }

    /** The error and its causes in one line, e.g. {@code SerializationException: not a valid … <- JsonParseException: …}. */
    public static String reasonOf(Throwable error) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = error; t != null && reason.length() < MAX_REASON_LENGTH; t = t.getCause()) {
            if (!reason.isEmpty()) {
                reason.append(" <- ");
            }
            reason.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                reason.append(": ").append(t.getMessage().replaceAll("\\s+", " "));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason.toString();
    }
}
