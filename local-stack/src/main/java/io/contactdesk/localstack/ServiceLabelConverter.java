package io.contactdesk.localstack;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %service} in the local stack's log pattern: the service whose thread logged the line. Read when the line is
 * formatted, which Logback does on the logging thread (the appenders here are synchronous).
 */
public final class ServiceLabelConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ServiceLabel.current();
    }
}
