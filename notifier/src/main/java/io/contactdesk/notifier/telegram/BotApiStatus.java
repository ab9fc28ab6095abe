package io.contactdesk.notifier.telegram;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The outcome of the latest Bot API call, kept so that health checks cost Telegram nothing. */
public final class BotApiStatus {

    /**
     * @param reachable whether Telegram answered and accepted the bot (a 400 about one message still counts;
     *     no answer, 5xx, and 401/404 for a rejected token do not)
     */
    public record Observation(Instant at, boolean reachable, String detail) {
    }

    private final AtomicReference<Observation> last = new AtomicReference<>();

    void succeeded(Instant at) {
        last.set(new Observation(at, true, "ok"));
    }

    void failed(BotApiException failure, Instant at) {
        if (failure.origin() == BotApiException.Origin.REJECTED_BEFORE_SENDING) {
            return; // Telegram never saw the call: says nothing about reachability.
        }
        last.set(new Observation(at, reachable(failure), failure.getMessage()));
    }

    public Optional<Observation> last() {
        return Optional.ofNullable(last.get());
    }

    private static boolean reachable(BotApiException failure) {
        if (failure.origin() != BotApiException.Origin.BOT_API) {
            return false;
        }
        int code = failure.errorCode();
        // Telegram answers 401 or 404 to every call of a revoked or mistyped token.
        return code < 500 && code != 401 && code != 404;
    }
}
