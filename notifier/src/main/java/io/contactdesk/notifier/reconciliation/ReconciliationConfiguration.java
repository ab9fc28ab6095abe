package io.contactdesk.notifier.reconciliation;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.lifecycle.PeriodicJob;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.TelegramCallSettings;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily Stars reconciliation; off with {@code RECONCILIATION_ENABLED=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "contactdesk.reconciliation.enabled", matchIfMissing = true)
class ReconciliationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationConfiguration.class);
    private static final Duration LOOK_EVERY = Duration.ofMinutes(1);

    @Bean
    StarReconciliation starReconciliation(TelegramCallSettings telegram, BotApi botApi, NotifierDatabase database,
            ReconciliationSettings settings) {
        return new StarReconciliation(botId(telegram.token()), botApi, database, settings, Clock.systemUTC());
    }

    /**
     * Looks every minute (or every interval, if shorter) for a period whose check is due; the claim in PostgreSQL makes
     * that one cheap statement on every notifier but the one that checks. A check that failed (Bot API or database
     * away) is taken up again once its claim timed out.
     */
    @Bean
    PeriodicJob reconciliationSchedule(StarReconciliation reconciliation, ReconciliationSettings settings) {
        Duration every = settings.interval().compareTo(LOOK_EVERY) < 0 ? settings.interval() : LOOK_EVERY;
        return new PeriodicJob("notifier-reconciliation", every, reconciliation::runDue,
                // WARN, not ERROR: an outage is alerted by its own signals.
                e -> log.warn("Stars reconciliation failed, taken up again within {}: {}",
                        StarReconciliation.CLAIM_TIMEOUT, e.toString()));
    }

    /** The bot's user id, the part of the token before the colon: the claims are per bot. */
    static long botId(String token) {
        int colon = token.indexOf(':');
        try {
            return Long.parseLong(token.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(TelegramCallSettings.TOKEN_VARIABLE,
                    "must be <bot id>:<secret> as @BotFather gives it (needed by the Stars reconciliation)");
        }
    }
}
