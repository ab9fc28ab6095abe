package io.contactdesk.ops;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.boot.TopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The operators' console: which instances are alive, how far behind each consumer group is, dead letters. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class OpsConsoleApplication {

    public static void main(String[] args) {
        ServiceLauncher.run("ops-console", OpsConsoleApplication.class, args);
    }
}
