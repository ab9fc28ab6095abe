package io.contactdesk.localstack;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.util.Locale;

/** {@code LOCAL_STACK_LOG}: how much of the stack's log reaches the console (the file always has INFO and up). */
public enum LogDetail {
    /** The banner, each service's start, and problems: warnings and errors (from Kafka's internals errors only). */
    QUIET,
    /** Every INFO line of every part on the console, as each service prints it when run alone. */
    INFO,
    /** Everything, DEBUG included, on the console and in the file. */
    DEBUG;

    static LogDetail parse(String value) {
        if (value == null || value.isBlank()) {
            return QUIET;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("LOCAL_STACK_LOG", "must be quiet, info or debug, got '" + value + "'");
        }
    }

    boolean verbose() {
        return this != QUIET;
    }

    String rootLevel() {
        return this == DEBUG ? "DEBUG" : "INFO";
    }
}
