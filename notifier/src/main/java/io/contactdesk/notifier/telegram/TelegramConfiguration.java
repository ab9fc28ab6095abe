package io.contactdesk.notifier.telegram;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TelegramConfiguration {

    @Bean
    BotApiStatus botApiStatus() {
        return new BotApiStatus();
    }

    @Bean
    TelegramBotApi botApi(TelegramCallSettings settings, MeterRegistry meters, BotApiStatus status) {
        return new TelegramBotApi(settings, meters, status, Clock.systemUTC());
    }

    @Bean
    BotApiHealthIndicator botApiHealthIndicator(BotApi botApi, BotApiStatus status) {
        return new BotApiHealthIndicator(botApi, status);
    }
}
