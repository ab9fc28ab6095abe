package io.contactdesk.contracts.config;

import java.util.Optional;

/** A missing or wrong setting; its message is the one line an operator sees, naming the variable. */
public class InvalidSettingException extends RuntimeException {

    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    public static InvalidSettingException missing(String variable, String meaning) {
        return new InvalidSettingException(variable, "is not set: it must name " + meaning);
    }

    /** The setting failure somewhere in a chain of causes (Spring wraps binding failures several times). */
    public static Optional<InvalidSettingException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException e) {
                return Optional.of(e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
