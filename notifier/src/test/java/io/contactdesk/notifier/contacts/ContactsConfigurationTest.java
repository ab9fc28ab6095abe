package io.contactdesk.notifier.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.crypto.ContactCipher;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;

/** CONTACT_ENCRYPTION_KEYS as the notifier reads it: through notifier.properties, required at start-up. */
class ContactsConfigurationTest {

    @Test
    void theKeyringComesFromTheVariable() throws IOException {
        // given
        String keyring = ContactCipher.generateKeyringEntry("k2");

        // when
        try (AnnotationConfigApplicationContext context = context(Map.of("CONTACT_ENCRYPTION_KEYS", keyring))) {
            context.refresh();

            // then
            assertThat(context.getBean(ContactReveal.class).toString()).contains("active=k2")
                    .doesNotContain(keyring.substring(3));
        }
    }

    @Test
    void aMissingKeyringStopsStartUpNamingTheVariable() throws IOException {
        // given no CONTACT_ENCRYPTION_KEYS
        try (AnnotationConfigApplicationContext context = context(Map.of())) {

            // when
            Throwable failure = catchThrowable(context::refresh);

            // then the one line ServiceLauncher prints names the variable
            assertThat(InvalidSettingException.findIn(failure)).hasValueSatisfying(setting -> {
                assertThat(setting.variable()).isEqualTo("CONTACT_ENCRYPTION_KEYS");
                assertThat(setting.getMessage()).startsWith("CONTACT_ENCRYPTION_KEYS is not set");
            });
        }
    }

    private static AnnotationConfigApplicationContext context(Map<String, Object> variables) throws IOException {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("variables", variables));
        context.getEnvironment().getPropertySources()
                .addLast(new ResourcePropertySource("classpath:notifier.properties"));
        context.register(ContactsConfiguration.class);
        return context;
    }
}
