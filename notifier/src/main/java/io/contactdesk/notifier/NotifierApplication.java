package io.contactdesk.notifier;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.boot.TopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Performs the Bot API calls the processor put on {@code tg.outbox}, in order per chat. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class NotifierApplication {

    public static final String SERVICE = "notifier";

    public static void main(String[] args) {
        ServiceLauncher.run(SERVICE, NotifierApplication.class, args);
    }
}
