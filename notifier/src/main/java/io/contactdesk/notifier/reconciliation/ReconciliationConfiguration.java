package io.contactdesk.notifier.reconciliation;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.TelegramCallSettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily Stars reconciliation; off with {@code RECONCILIATION_ENABLED=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "contactdesk.reconciliation.enabled", matchIfMissing = true)
class ReconciliationConfiguration {

    @Bean
    StarReconciliation starReconciliation(TelegramCallSettings telegram, BotApi botApi, NotifierDatabase database,
            ReconciliationSettings settings) {
        return new StarReconciliation(botId(telegram.token()), botApi, database, settings, Clock.systemUTC());
    }

    @Bean
    ReconciliationSchedule reconciliationSchedule(StarReconciliation reconciliation, ReconciliationSettings settings) {
        return new ReconciliationSchedule(reconciliation, settings.interval());
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
