package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bulk traffic gives way to replies.
 *
 * @param interactiveQuiet how long after its last record the interactive lane still counts as busy: the gap between
 *     two polls of a reply backlog must not let a bulk message slip in
 * @param maxYield the longest one bulk call waits for the replies to pause; then it goes anyway, so that a steady
 *     stream of replies cannot starve a broadcast or hold the bulk consumer past its poll interval
 */
@ConfigurationProperties("contactdesk.bulk")
record BulkSettings(Duration interactiveQuiet, Duration maxYield) {

    BulkSettings {
        interactiveQuiet = interactiveQuiet == null ? Duration.ofMillis(200) : interactiveQuiet;
        maxYield = maxYield == null ? Duration.ofSeconds(30) : maxYield;
        if (interactiveQuiet.isNegative() || maxYield.isNegative() || maxYield.isZero()) {
            throw new InvalidSettingException("contactdesk.bulk", "durations must be positive, got interactive-quiet="
                    + interactiveQuiet + ", max-yield=" + maxYield);
        }
    }
}
