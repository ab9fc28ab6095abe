package io.contactdesk.sandbox.botapi;

/**
 * A Bot API error answer: HTTP status = error_code, with Telegram's description wording.
 *
 * <p>Clients (and our own services) branch on these exact strings, so they copy Telegram's.
 */
public final class BotApiErrorAnswer extends RuntimeException {

    private final int errorCode;
    private final Long retryAfter;

    public BotApiErrorAnswer(int errorCode, String description, Long retryAfter) {
        // No stack trace: these are answers, not failures of the sandbox.
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public static BotApiErrorAnswer badRequest(String detail) {
        return new BotApiErrorAnswer(400, "Bad Request: " + detail, null);
    }

    public static BotApiErrorAnswer unauthorized() {
        return new BotApiErrorAnswer(401, "Unauthorized", null);
    }

    public static BotApiErrorAnswer blocked() {
        return new BotApiErrorAnswer(403, "Forbidden: bot was blocked by the user", null);
    }

    public static BotApiErrorAnswer notFound() {
        return new BotApiErrorAnswer(404, "Not Found", null);
    }

    public static BotApiErrorAnswer conflict(String detail) {
        return new BotApiErrorAnswer(409, "Conflict: " + detail, null);
    }

    public static BotApiErrorAnswer tooManyRequests(long retryAfterSeconds) {
        return new BotApiErrorAnswer(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
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
