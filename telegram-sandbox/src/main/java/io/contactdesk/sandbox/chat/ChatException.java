package io.contactdesk.sandbox.chat;

/** A chat-state refusal; the Bot API layer turns it into Telegram's error answer. */
public final class ChatException extends RuntimeException {

    public enum ChatRefusal { CHAT_NOT_FOUND, BLOCKED, MESSAGE_NOT_FOUND }

    private final ChatRefusal reason;

    public ChatException(ChatRefusal reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public ChatRefusal reason() {
        return reason;
    }
}
