package io.contactdesk.dbwriter;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.boot.TopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Persists the processor's domain events to PostgreSQL in idempotent batches; the schema is Flyway's. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicsConfiguration.class)
public class DbWriterApplication {

    public static final String SERVICE = "db-writer";

    public static void main(String[] args) {
        ServiceLauncher.run(SERVICE, DbWriterApplication.class, args);
    }
}
