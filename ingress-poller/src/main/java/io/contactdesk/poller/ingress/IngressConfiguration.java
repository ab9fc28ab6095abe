package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.ops.HeartbeatConfiguration.InstanceFacts;
import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.poller.telegram.BotApiUpdateSource;
import io.contactdesk.poller.telegram.TelegramPollingSettings;
import io.contactdesk.poller.webhook.WebhookConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Polling mode, without {@code TELEGRAM_WEBHOOK_URL}: the lease holder polls {@code getUpdates}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!(" + WebhookConfiguration.WEBHOOK_MODE + ")")
class IngressConfiguration {

    @Bean
    IngressStatus ingressStatus(TelegramPollingSettings telegram, MeterRegistry meters) {
        IngressStatus status = new IngressStatus(telegram.pollTimeout().plusSeconds(60), Instant.now());
        Gauge.builder("contactdesk.ingress.leader", status, s -> s.isLeader() ? 1 : 0)
                .description("1 while this instance holds the ingress lease and polls, 0 on standby")
                .register(meters);
        return status;
    }

    /** The mode and this instance's role in its heartbeat, for the ops console. */
    @Bean
    InstanceFacts ingressFacts(IngressStatus status) {
        return () -> {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("ingress", "polling");
            facts.put("ingress.role", status.role());
            return facts;
        };
    }

    @Bean
    IngressLoop ingressLoop(TelegramPollingSettings telegram, IngressSettings ingress, KafkaConnection kafka,
            IngressStatus status, MeterRegistry meters) {
        SealedUpdates seals = ingress.seals();
        return new IngressLoop(
                new BotApiUpdateSource(telegram),
                new IngressOffsets(kafka),
                () -> new UpdatePublisher(kafka, telegram.botId(), seals),
                telegram.botId(),
                new IngressLease(kafka, telegram.botId(), (short) ingress.leaseReplicationFactor()),
                status,
                new ExponentialBackoff(ingress.retryInitialBackoff(), ingress.retryMaxBackoff()).steps(),
                Clock.systemUTC(),
                meters);
    }
}
