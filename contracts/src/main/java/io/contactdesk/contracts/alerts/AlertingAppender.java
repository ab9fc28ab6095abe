package io.contactdesk.contracts.alerts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.contactdesk.contracts.events.OpsAlert;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns every ERROR log event into an {@link OpsAlert}. Kafka's own client loggers are left out: an error about
 * reaching the broker would otherwise try to report itself through the broker, in a loop.
 *
 * <p>Unsynchronized: every log event of every thread passes through an appender, and logback's synchronized base
 * would make all of them wait while one alert is handed on; {@link AlertPublisher} only queues it.
 */
public final class AlertingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int STACK_LINES = 8;
    static final int MAX_MESSAGE = 1_000;

    private final String service;
    private final String instance;
    private final Consumer<OpsAlert> alerts;

    public AlertingAppender(String service, String instance, Consumer<OpsAlert> alerts) {
        this.service = service;
        this.instance = instance;
        this.alerts = alerts;
        setName("contactdesk-alerts");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getLoggerName().startsWith("org.apache.kafka")) {
            return;
        }
        IThrowableProxy error = event.getThrowableProxy();
        String message = event.getFormattedMessage();
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        alerts.accept(new OpsAlert(UUID.randomUUID().toString(), "ERROR", service, instance,
                AlertFingerprint.of(service, event.getLoggerName(), event.getMessage(),
                        error == null ? null : error.getClassName()),
                message, stackHead(error), Instant.ofEpochMilli(event.getTimeStamp())));
    }

    static String stackHead(IThrowableProxy error) {
        if (error == null) {
            return null;
        }
        StringBuilder head = new StringBuilder(error.getClassName());
        if (error.getMessage() != null) {
            head.append(": ").append(error.getMessage(), 0, Math.min(error.getMessage().length(), 300));
        }
        StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
        for (int i = 0; i < Math.min(STACK_LINES, frames.length); i++) {
            head.append("\n\tat ").append(frames[i].getStackTraceElement());
        }
        return head.toString();
    }
}
