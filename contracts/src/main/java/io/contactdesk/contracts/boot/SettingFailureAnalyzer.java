package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.config.InvalidSettingException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Claims setting failures so Spring does not also log them with a stack trace; {@link ServiceLauncher}
 * prints the one line.
 */
public class SettingFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        return InvalidSettingException.findIn(failure)
                .map(e -> new FailureAnalysis(e.getMessage(), "Set " + e.variable() + " and start again.", e))
                .orElse(null);
    }
}
