package io.contactdesk.notifier.contacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {

    /** {@code CONTACT_ENCRYPTION_KEYS}: required; a missing or malformed keyring stops start-up naming it. */
    @Bean
    ContactReveal contactReveal(@Value("${contactdesk.contacts.encryption-keys:}") String keyring) {
        return ContactReveal.fromKeyring(keyring);
    }
}
