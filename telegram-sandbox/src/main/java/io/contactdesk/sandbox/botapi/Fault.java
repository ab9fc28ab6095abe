package io.contactdesk.sandbox.botapi;

/**
 * An injected error for one Bot API method, so that clients' retry paths can be tested.
 *
 * @param retryAfter seconds for parameters.retry_after, or null
 */
public record Fault(String method, int status, String description, Long retryAfter) {

    public Fault {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599)");
        }
        if (description == null) {
            description = defaultDescription(status, retryAfter);
        }
    }

    BotApiErrorAnswer toException() {
        return new BotApiErrorAnswer(status, description, retryAfter);
    }

    // Telegram's own wording where it has one, so that clients parse injected errors like real ones.
    private static String defaultDescription(int status, Long retryAfter) {
        return switch (status) {
            case 400 -> "Bad Request: injected fault";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden: bot was blocked by the user";
            case 404 -> "Not Found";
            case 409 -> "Conflict: injected fault";
            case 429 -> "Too Many Requests: retry after " + (retryAfter == null ? 1 : retryAfter);
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected fault " + status;
        };
    }
}
