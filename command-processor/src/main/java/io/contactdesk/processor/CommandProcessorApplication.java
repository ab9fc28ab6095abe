package io.contactdesk.processor;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.boot.TopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class CommandProcessorApplication {

    public static final String SERVICE = "command-processor";

    public static void main(String[] args) {
        ServiceLauncher.run(SERVICE, CommandProcessorApplication.class, args);
    }
}
