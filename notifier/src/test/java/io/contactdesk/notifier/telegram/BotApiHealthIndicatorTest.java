package io.contactdesk.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class BotApiHealthIndicatorTest {

    private final BotApiStatus status = new BotApiStatus();
    private final BotApiHealthIndicator health = new BotApiHealthIndicator(null, status);

    @Test
    void unknownBeforeTheFirstCall() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void upWhenTelegramAnsweredEvenWithAnErrorAboutOneMessage() {
        status.succeeded(Instant.now());
        status.failed(BotApiException.answered(400, "Bad Request: message is too long", null), Instant.now());

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenTelegramWasNotReached() {
        status.succeeded(Instant.now());
        status.failed(new BotApiException(BotApiException.Origin.TRANSPORT, 0, "ConnectException: refused", null),
                Instant.now());

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("lastCall", "Bot API not reached: ConnectException: refused");
    }

    @Test
    void downWhenTelegramRejectsTheToken() {
        status.failed(BotApiException.answered(401, "Unauthorized", null), Instant.now());

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
