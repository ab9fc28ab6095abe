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

    public static void main(String[] args) {
        ServiceLauncher.run("ingress-poller", IngressPollerApplication.class, args);
    }
}
