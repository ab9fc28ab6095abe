package io.contactdesk.notifier.flood;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two notifiers sending to chats of their own partitions as fast as their flood control allows, millisecond by
 * millisecond on one fake clock, against Telegram's bot-wide limit as the sandbox enforces it: a bucket of 30,
 * refilled at 30 a second. Enough chats each that no chat's own limit holds a notifier back.
 */
final class BotWideLimitModel {

    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int CHATS_EACH = 5_000;

    record Result(int sent, int tooManyRequests) {
    }

    private BotWideLimitModel() {
    }

    static Result run(FallbackBucketsTest.Clock clock, FloodControl first, FloodControl second, Duration duration) {
        Bucket telegram = Bucket.builder().withCustomTimePrecision(clock)
                .addLimit(limit -> limit.capacity(30).refillGreedy(30, Duration.ofSeconds(1))).build();
        int sent = 0;
        int tooManyRequests = 0;
        for (long tick = 0; tick < duration.toMillis(); tick++) {
            for (FloodControl notifier : new FloodControl[] {first, second}) {
                long chat = (notifier == first ? 0 : 10 * CHATS_EACH) + tick % CHATS_EACH;
                if (notifier.tryPermit(chat, "sendMessage")) {
                    sent++;
                    if (!telegram.tryConsume(1)) {
                        tooManyRequests++;
                    }
                }
            }
            clock.now += MILLISECOND;
        }
        return new Result(sent, tooManyRequests);
    }
}
