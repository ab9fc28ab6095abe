package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a poll the database did not take is retried: exponentially from {@code retryInitialInterval}
 * up to {@code retryMaxInterval} between attempts, for as long as it takes.
 */
@ConfigurationProperties("contactdesk.writer")
record WriterSettings(Duration retryInitialInterval, Duration retryMaxInterval) {

    WriterSettings {
        retryInitialInterval = retryInitialInterval == null ? Duration.ofMillis(500) : retryInitialInterval;
        retryMaxInterval = retryMaxInterval == null ? Duration.ofSeconds(10) : retryMaxInterval;
        if (retryInitialInterval.isNegative() || retryInitialInterval.isZero()
                || retryMaxInterval.compareTo(retryInitialInterval) < 0) {
            throw new InvalidSettingException("contactdesk.writer.retry-max-interval",
                    "must be at least contactdesk.writer.retry-initial-interval, both positive");
        }
    }
}
