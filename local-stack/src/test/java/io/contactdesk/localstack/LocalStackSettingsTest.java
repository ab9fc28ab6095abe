package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    @Test
    void printsNeitherTheBotTokenNorTheKeyring() {
        String keyring = ContactCipher.generateKeyringEntry("k1");
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of(
                "TELEGRAM_TOKEN", "123456:AAE-real-secret", "CONTACT_ENCRYPTION_KEYS", keyring));

        assertThat(settings.toString()).doesNotContain("AAE-real-secret", keyring.substring(3)).contains("***");
    }

    @Test
    void withoutAWebhookUrlTheIngressPolls() {
        assertThat(LocalStackSettings.fromEnvironment(Map.of()).webhook()).isNull();
    }

    @Test
    void aWebhookUrlWithTheSandboxMakesItsOwnSecretAndListensOnTheUrlsPort() {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of(
                "TELEGRAM_WEBHOOK_URL", "http://localhost:8443/telegram/webhook"));

        assertThat(settings.webhook().url()).isEqualTo("http://localhost:8443/telegram/webhook");
        assertThat(settings.webhook().port()).isEqualTo(8443);
        assertThat(settings.webhook().secret()).matches("[0-9a-f]{48}");
        assertThat(settings.toString()).doesNotContain(settings.webhook().secret());
    }

    @Test
    void aWebhookUrlWithARealTokenTakesTheGivenSecretAndWebhookPort() {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of(
                "TELEGRAM_TOKEN", "123456:AAE-real-secret",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram/webhook",
                "TELEGRAM_WEBHOOK_SECRET", "given-secret_0123", "WEBHOOK_PORT", "9443"));

        assertThat(settings.webhook()).isEqualTo(new LocalStackSettings.Webhook(
                "https://bot.example.com/telegram/webhook", "given-secret_0123", 9443));
        assertThat(settings.toString()).doesNotContain("given-secret_0123");
    }
}
