package io.contactdesk.poller.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.crypto.ContactCipher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngressSettingsTest {

    private static final Duration BACKOFF = Duration.ofMillis(500);

    @Test
    void withoutTheKeyringThePollerDoesNotStartAndSaysWhichVariableIsMissing() {
        assertThatThrownBy(() -> new IngressSettings("localhost:9092", "", BACKOFF, BACKOFF, 1))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CONTACT_ENCRYPTION_KEYS is not set");
    }

    @Test
    void aMalformedKeyringIsNamedWithoutEchoingIt() {
        assertThatThrownBy(() -> new IngressSettings("localhost:9092", "k1:c2VjcmV0", BACKOFF, BACKOFF, 1))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CONTACT_ENCRYPTION_KEYS").hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void theKeyringNeverShowsInTheSettingsText() {
        String keyring = ContactCipher.generateKeyringEntry("k1");

        IngressSettings settings = new IngressSettings("localhost:9092", keyring, BACKOFF, BACKOFF, 1);

        assertThat(settings.toString()).doesNotContain(keyring.substring(3)).contains("localhost:9092");
        assertThat(settings.seals()).isNotNull();
    }

    @Test
    void aMaximumBackoffBelowTheInitialOneIsRefusedNamingIt() {
        String keyring = ContactCipher.generateKeyringEntry("k1");

        assertThatThrownBy(() -> new IngressSettings("localhost:9092", keyring, Duration.ofSeconds(5), Duration.ofSeconds(1), 1))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("contactdesk.ingress.retry-max-backoff");
        assertThatThrownBy(() -> new IngressSettings("localhost:9092", keyring, Duration.ZERO, null, 1))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("contactdesk.ingress.retry-initial-backoff");
    }
}
