package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service so that a missing or wrong setting ends start-up with exactly one line naming
 * the variable, instead of a page of Spring diagnostics.
 */
public final class ServiceLauncher {

    private ServiceLauncher() {
    }

    /**
     * The service's application, reading its own {@code <service>.properties} rather than
     * {@code application.properties}, so that the local stack can host all four services in one
     * JVM without their configurations shadowing each other.
     */
    public static SpringApplication application(String service, Class<?> application) {
        SpringApplication app = new SpringApplication(application);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of(
                "spring.config.name", service,
                "spring.application.name", service,
                // Setting failures are printed as one line by run(); other failures keep their stack trace.
                "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "off",
                "logging.level.org.springframework.boot.SpringApplication", "off",
                "logging.level.org.springframework.boot.web.server.servlet.context", "error"));
        return app;
    }

    private static BindException bindingFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BindException binding && binding.getProperty() != null
                    && InvalidSettingException.findIn(binding).isEmpty()) {
                return binding;
            }
        }
        return null;
    }

    public static ConfigurableApplicationContext run(String service, Class<?> application, String... args) {
        SpringApplication app = application(service, application);
        try {
            return app.run(args);
        } catch (RuntimeException failure) {
            InvalidSettingException setting = InvalidSettingException.findIn(failure).orElse(null);
            BindException binding = bindingFailure(failure);
            if (setting == null && binding != null) {
                // e.g. SIGNUP_BONUS_CREDITS=three: Spring names the property and the value it could not convert.
                System.err.println(service + ": " + binding.getProperty().getName() + " has an invalid value '"
                        + binding.getProperty().getValue() + "' (set from " + binding.getProperty().getOrigin() + ")");
                System.exit(2);
                return null;
            }
            if (setting == null) {
                System.err.println(service + ": failed to start: " + failure);
                failure.printStackTrace();
                System.exit(1);
            }
            System.err.println(service + ": " + setting.getMessage());
            System.exit(2);
            return null;
        }
    }
}
