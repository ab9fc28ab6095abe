package io.contactdesk.localstack;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging set-up for the whole local stack, made before the broker starts: its lines go to the same file and
 * console as the services' lines, each labelled with the part that logged it ({@link ServiceLabel}).
 *
 * <p>Spring Boot would set Logback up anew for each of the five services, and each time from the last service's
 * name; it is told to leave logging alone instead ({@code org.springframework.boot.logging.LoggingSystem=none}).
 */
final class LocalStackLogging {

    static final String CONFIG = "local-stack-logback.xml";

    private LocalStackLogging() {
    }

    /** Sets the JVM's logging up for the stack and returns the file that receives the full log. */
    static Path install(LocalStackSettings settings) {
        Path file = settings.dataDir().resolve("local-stack.log");
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.dataDir(), e);
        }
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        System.setProperty("contactdesk.localstack.log.file", file.toString());
        System.setProperty("contactdesk.localstack.log.verbose", Boolean.toString(settings.logDetail().verbose()));
        System.setProperty("contactdesk.localstack.log.level", settings.logDetail().rootLevel());
        // Tomcat logs through java.util.logging, which Spring would have bridged; left alone, it prints INFO to stderr.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            URL config = LocalStackLogging.class.getClassLoader().getResource(CONFIG);
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(config);
            } catch (JoranException e) {
                throw new IllegalStateException("cannot read " + CONFIG + ": " + e.getMessage(), e);
            }
        }
        return file;
    }
}
