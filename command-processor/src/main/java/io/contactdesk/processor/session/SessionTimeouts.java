package io.contactdesk.processor.session;

/** What the bot says when a submission conversation has been idle for {@link SubmitSession#IDLE_TIMEOUT}. */
public final class SessionTimeouts {

    public static final String EXPIRED = "Your listing draft timed out after 15 minutes without an answer, so I "
            + "discarded it. Send /submit whenever you want to start again.";

    private SessionTimeouts() {
    }
}
