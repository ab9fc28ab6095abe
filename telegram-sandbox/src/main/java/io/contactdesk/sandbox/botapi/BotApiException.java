package io.contactdesk.sandbox.botapi;

/**
 * A Bot API error answer: HTTP status = error_code, with Telegram's description wording.
 *
 * <p>Clients (and our own services) branch on these exact strings, so they copy Telegram's.
 */
public final class BotApiException extends RuntimeException {

    private final int errorCode;
    private final Long retryAfter;

    public BotApiException(int errorCode, String description, Long retryAfter) {
        // No stack trace: these are answers, not failures of the sandbox.
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public static BotApiException badRequest(String detail) {
        return new BotApiException(400, "Bad Request: " + detail, null);
    }

    public static BotApiException unauthorized() {
        return new BotApiException(401, "Unauthorized", null);
    }

    public static BotApiException blocked() {
        return new BotApiException(403, "Forbidden: bot was blocked by the user", null);
    }

    public static BotApiException notFound() {
        return new BotApiException(404, "Not Found", null);
    }

    public static BotApiException conflict(String detail) {
        return new BotApiException(409, "Conflict: " + detail, null);
    }

    public static BotApiException tooManyRequests(long retryAfterSeconds) {
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
    }

    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return getMessage();
    }

    /** Only 429 answers (and faults that ask for it) carry parameters.retry_after. */
    public Long retryAfter() {
        return retryAfter;
    }
}
