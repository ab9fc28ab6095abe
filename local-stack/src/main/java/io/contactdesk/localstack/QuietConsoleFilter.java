package io.contactdesk.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What the local stack's console shows by default: its own progress, and problems. Kafka's broker and clients warn
 * freely while a fresh cluster settles (leaders not yet elected, coordinators moving), so from them only errors; the
 * full log is in the file named in the banner. {@code verbose} (LOCAL_STACK_LOG=debug) lets everything through.
 */
public final class QuietConsoleFilter extends Filter<ILoggingEvent> {

    private boolean verbose;

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (verbose) {
            return FilterReply.NEUTRAL;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith("io.contactdesk.localstack.")) {
            return event.getLevel().isGreaterOrEqual(Level.INFO) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
        boolean kafkaInternals = logger.startsWith("org.apache.kafka.") || logger.startsWith("kafka.")
                || logger.startsWith("state.change.logger");
        Level threshold = kafkaInternals ? Level.ERROR : Level.WARN;
        return event.getLevel().isGreaterOrEqual(threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
