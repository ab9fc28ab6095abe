package io.contactdesk.poller;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.boot.TopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class IngressPollerApplication {

    public static final String SERVICE = "ingress-poller";

    public static void main(String[] args) {
        ServiceLauncher.run(SERVICE, IngressPollerApplication.class, args);
    }
}
