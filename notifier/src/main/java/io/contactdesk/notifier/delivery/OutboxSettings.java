package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.config.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many replies of {@code tg.outbox} one notifier has in hand at once.
 *
 * @param threads {@code NOTIFIER_DELIVERY_THREADS}: chats delivered side by side; a chat waiting for its flood limit
 *     holds one, so more chats than this waiting at once would hold up the others
 * @param windowPerPartition records of one partition taken and not finished yet, at most; a full partition is not
 *     fetched from until some finish
 */
@ConfigurationProperties("contactdesk.outbox")
record OutboxSettings(int threads, int windowPerPartition) {

    OutboxSettings {
        threads = Settings.positive("NOTIFIER_DELIVERY_THREADS", threads);
        windowPerPartition = Settings.positive("contactdesk.outbox.window-per-partition", windowPerPartition);
    }
}
