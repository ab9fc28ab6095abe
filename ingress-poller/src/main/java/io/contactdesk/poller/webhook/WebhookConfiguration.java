package io.contactdesk.poller.webhook;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.ops.HeartbeatConfiguration.InstanceFacts;
import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.poller.ingress.IngressOffsets;
import io.contactdesk.poller.ingress.IngressSettings;
import io.contactdesk.poller.ingress.WebhookPublisher;
import io.contactdesk.poller.telegram.BotApiUpdateSource;
import io.contactdesk.poller.telegram.TelegramPollingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhook mode: with {@code TELEGRAM_WEBHOOK_URL} set, Telegram pushes updates to every instance; nobody polls. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(WebhookConfiguration.WEBHOOK_MODE)
public class WebhookConfiguration {

    public static final String WEBHOOK_MODE = "!'${contactdesk.webhook.url:}'.trim().isEmpty()";

    /** Named as the poller's status, so that the readiness group means "this ingress can take updates" in both modes. */
    @Bean
    WebhookStatus ingressStatus(WebhookSettings webhook) {
        return new WebhookStatus(webhook.url());
    }

    /** The mode and Telegram's getWebhookInfo in this instance's heartbeat, which is how the ops console learns them. */
    @Bean
    InstanceFacts ingressFacts(WebhookStatus status) {
        return status::facts;
    }

    @Bean(destroyMethod = "close")
    WebhookPublisher webhookPublisher(IngressSettings ingress, KafkaConnection kafka, MeterRegistry meters) {
        return new WebhookPublisher(kafka, ingress.seals(), meters, Clock.systemUTC());
    }

    @Bean
    WebhookServer webhookServer(WebhookSettings webhook, WebhookPublisher publisher, WebhookStatus status,
            MeterRegistry meters) {
        return new WebhookServer(webhook.port(), webhook.path(),
                new WebhookIngress(webhook.secret(), publisher, status::epoch, status, Clock.systemUTC(), meters));
    }

    @Bean
    WebhookRegistrar webhookRegistrar(WebhookSettings webhook, TelegramPollingSettings telegram, IngressSettings ingress,
            KafkaConnection kafka, WebhookStatus status) {
        return new WebhookRegistrar(webhook, new BotApiUpdateSource(telegram), new IngressOffsets(kafka),
                telegram.botId(), status,
                new ExponentialBackoff(ingress.retryInitialBackoff(), ingress.retryMaxBackoff()).steps());
    }
}
