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
}
