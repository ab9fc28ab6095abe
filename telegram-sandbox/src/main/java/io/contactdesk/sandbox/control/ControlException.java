package io.contactdesk.sandbox.control;

/** A control API refusal, answered as {@code {"error": message}} with the given status. */
final class ControlException extends RuntimeException {

    private final int status;

    ControlException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ControlException badRequest(String message) {
        return new ControlException(400, message);
    }

    static ControlException notFound(String message) {
        return new ControlException(404, message);
    }

    int status() {
        return status;
    }
}
