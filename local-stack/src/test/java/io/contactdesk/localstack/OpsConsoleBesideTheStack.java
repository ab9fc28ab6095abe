package io.contactdesk.localstack;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.ops.OpsConsoleApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The ops console started in the test's JVM against a running local stack's broker, sampling every second. */
final class OpsConsoleBesideTheStack {

    private OpsConsoleBesideTheStack() {
    }

    /** @param kafkaSettings the console's own Kafka settings beyond the bootstrap servers (security), often none */
    static ConfigurableApplicationContext start(LocalStack stack, String password, String secret,
            Map<String, String> kafkaSettings) {
        List<String> args = new ArrayList<>(List.of(
                "--KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrapServers(),
                "--OPS_CONSOLE_PASSWORD=" + password,
                "--OPS_CONSOLE_SECRET=" + secret,
                "--SERVER_PORT=0",
                "--contactdesk.ops-console.lag-sample-interval=1s",
                // the stack's classpath carries JDBC and Flyway for db-writer; the console uses neither
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));
        kafkaSettings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return ServiceLauncher.application("ops-console", OpsConsoleApplication.class).run(args.toArray(String[]::new));
    }
}
