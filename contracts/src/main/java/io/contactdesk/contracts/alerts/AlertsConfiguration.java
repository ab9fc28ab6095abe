package io.contactdesk.contracts.alerts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.contactdesk.contracts.boot.KafkaConnectionConfiguration;
import io.contactdesk.contracts.config.KafkaConnection;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service reports its ERROR log events to {@code ops.alerts}. One reporter per JVM: in the local stack the four
 * services share one logging system, and each error must become one alert, not four.
 */
@AutoConfiguration
@ConditionalOnClass(LoggerContext.class)
@ConditionalOnProperty("spring.kafka.bootstrap-servers")
@ConditionalOnBooleanProperty(name = "contactdesk.alerts.enabled", matchIfMissing = true)
public class AlertsConfiguration {

    @Bean
    AlertsReporter alertsReporter(Environment environment,
            @Value("${contactdesk.alerts.service:${spring.application.name:service}}") String service) {
        return AlertsReporter.attach(KafkaConnectionConfiguration.of(environment), service);
    }

    /** The appender attached to the root logger, detached and its producer closed when the application stops. */
    public static final class AlertsReporter implements DisposableBean {

        private static AlertsReporter attached;

        private final AlertingAppender appender;
        private final AlertPublisher publisher;
        private final boolean owner;

        private AlertsReporter(AlertingAppender appender, AlertPublisher publisher, boolean owner) {
            this.appender = appender;
            this.publisher = publisher;
            this.owner = owner;
        }

        static synchronized AlertsReporter attach(KafkaConnection kafka, String service) {
            if (attached != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
                return new AlertsReporter(null, null, false);
            }
            AlertPublisher publisher = new AlertPublisher(kafka);
            AlertingAppender appender = new AlertingAppender(service, instanceName(), publisher::publish);
            appender.setContext(context);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
            attached = new AlertsReporter(appender, publisher, true);
            return attached;
        }

        private static String instanceName() {
            String pid = Long.toString(ProcessHandle.current().pid());
            try {
                return InetAddress.getLocalHost().getHostName() + "-" + pid;
            } catch (UnknownHostException e) {
                return ManagementFactory.getRuntimeMXBean().getName() + "-" + pid;
            }
        }

        @Override
        public void destroy() {
            if (!owner) {
                return;
            }
            synchronized (AlertsReporter.class) {
                LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
                context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
                appender.stop();
                publisher.close();
                attached = null;
            }
        }
    }
}
