package io.contactdesk.localstack;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * The services of the local stack share one JVM, and so one Logback context, which Spring Boot sets up while each
 * application's environment is prepared. Four services starting side by side set it up at the same moment, and now
 * and then one of them failed to start ("Unable to find Spring Environment in logger context", or "Unknown format
 * 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'"). One at a time, the first sets it up and the others find it ready;
 * the rest of their start-up still runs side by side.
 */
final class SharedLogging {

    private static final ReentrantLock SETTING_UP = new ReentrantLock();

    private SharedLogging() {
    }

    static ConfigurableApplicationContext run(SpringApplication application, String... args) {
        application.addListeners(new Acquire(), new Release());
        try {
            return application.run(args);
        } finally {
            // start-up failed while logging was being set up
            if (SETTING_UP.isHeldByCurrentThread()) {
                SETTING_UP.unlock();
            }
        }
    }

    private static final class Acquire implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            SETTING_UP.lock();
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1;
        }
    }

    private static final class Release implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (SETTING_UP.isHeldByCurrentThread()) {
                SETTING_UP.unlock();
            }
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }
}
