package io.contactdesk.poller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookStatusTest {

    private static final String URL = "https://bot.example.com/telegram/webhook";

    @Test
    void beforeTheFirstCheckTheFactsSayOnlyTheModeAndTheUrlExpected() {
        WebhookStatus status = new WebhookStatus(URL);

        assertThat(status.facts()).containsExactly(Map.entry("ingress", "webhook"),
                Map.entry("webhook.expected_url", URL), Map.entry("webhook.check_error", "webhook not registered yet"));
    }

    @Test
    void factsRepeatWhatGetWebhookInfoSaidLastErrorDateAsAnInstant() {
        WebhookStatus status = new WebhookStatus(URL);

        status.checked(URL, 12, 1_796_500_000, "Wrong response from the webhook: 503 Service Unavailable", 40);

        assertThat(status.facts()).containsExactly(Map.entry("ingress", "webhook"),
                Map.entry("webhook.expected_url", URL),
                Map.entry("webhook.url", URL),
                Map.entry("webhook.pending_update_count", "12"),
                Map.entry("webhook.max_connections", "40"),
                Map.entry("webhook.last_error_date", "2026-12-05T19:46:40Z"),
                Map.entry("webhook.last_error_message", "Wrong response from the webhook: 503 Service Unavailable"));
    }

    @Test
    void aWebhookSetToAnotherUrlShowsInTheFactsAndTakesReadinessDown() {
        WebhookStatus status = new WebhookStatus(URL);
        status.epochRead(0);

        status.checked("https://elsewhere.example.com/hook", 0, null, null, 40);

        assertThat(status.facts()).containsEntry("webhook.url", "https://elsewhere.example.com/hook")
                .doesNotContainKey("webhook.last_error_date");
        assertThat(status.health().getStatus().getCode()).isEqualTo("DOWN");
        status.checked(URL, 0, null, null, 40);
        assertThat(status.health().getStatus().getCode()).isEqualTo("UP");
    }
}
