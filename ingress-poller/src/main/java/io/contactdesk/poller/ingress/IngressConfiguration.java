package io.contactdesk.poller.ingress;

import io.contactdesk.poller.telegram.BotApiUpdateSource;
import io.contactdesk.poller.telegram.TelegramSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    @Bean
    IngressStatus ingressStatus(TelegramSettings telegram) {
        return new IngressStatus(telegram.pollTimeout().plusSeconds(60), Instant.now());
    }

    @Bean
    IngressLoop ingressLoop(TelegramSettings telegram, IngressSettings ingress, IngressStatus status, MeterRegistry meters) {
        return new IngressLoop(
                new BotApiUpdateSource(telegram),
                new IngressOffsets(ingress.bootstrapServers()),
                () -> new UpdatePublisher(ingress.bootstrapServers(), telegram.botId()),
                telegram.botId(),
                status,
                new Backoff(ingress.retryInitialBackoff(), ingress.retryMaxBackoff()),
                Clock.systemUTC(),
                meters);
    }
}
