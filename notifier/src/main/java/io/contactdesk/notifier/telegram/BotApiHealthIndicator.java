package io.contactdesk.notifier.telegram;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Whether the Bot API answers this bot: {@code getMe} once at start, then the outcome of the latest call
 * (health checks must not spend the bot's rate limit).
 */
final class BotApiHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(BotApiHealthIndicator.class);

    private final BotApi botApi;
    private final BotApiStatus status;

    BotApiHealthIndicator(BotApi botApi, BotApiStatus status) {
        this.botApi = botApi;
        this.status = status;
    }

    @EventListener(ApplicationReadyEvent.class)
    void probeAtStart() {
        // Off the start-up thread: an unreachable Telegram must not hold up the service for a call timeout.
        CompletableFuture.runAsync(this::getMe);
    }

    void getMe() {
        try {
            User me = botApi.execute(new GetMe());
            log.info("Bot API reachable as @{}", me.getUserName());
        } catch (BotApiException e) {
            log.warn("Bot API getMe failed: {}", e.getMessage());
        }
    }

    @Override
    public Health health() {
        return status.last()
                .map(last -> (last.reachable() ? Health.up() : Health.down())
                        .withDetail("lastCallAt", last.at().toString())
                        .withDetail("lastCall", last.detail())
                        .build())
                .orElseGet(() -> Health.unknown().withDetail("lastCall", "none yet").build());
    }
}
