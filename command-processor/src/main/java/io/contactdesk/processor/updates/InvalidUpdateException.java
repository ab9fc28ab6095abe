package io.contactdesk.processor.updates;

/** An update the bot cannot act on; it goes to {@code tg.updates.dlq} with this message as the reason. */
public class InvalidUpdateException extends RuntimeException {

    public InvalidUpdateException(String reason) {
        super(reason);
    }

    public InvalidUpdateException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
