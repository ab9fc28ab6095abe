package io.contactdesk.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One of the services (the four and the ops console) running inside the local stack's JVM. */
record ServiceInstance(String name, ConfigurableApplicationContext context) {

    /** Settings become command-line arguments: they outrank the environment, as a launcher's flags should. */
    static String[] arguments(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    int port() {
        return context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
    }

    void stop() {
        context.close();
    }
}
