package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.events.OutboxMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What makes a bulk message part of a broadcast: the processor's {@value #BROADCAST_ID} param. */
public final class BroadcastMessages {

    /** Set by the processor's fan-out on every message of a broadcast. */
    public static final String BROADCAST_ID = "broadcast_id";

    private BroadcastMessages() {
    }

    public static Optional<String> broadcastIdOf(OutboxMessage message) {
        Object id = message.params().get(BROADCAST_ID);
        return id == null || id.toString().isBlank() ? Optional.empty() : Optional.of(id.toString());
    }

    /** The call as Telegram must receive it: the broadcast id is the notifier's bookkeeping, not a Bot API param. */
    public static OutboxMessage forBotApi(OutboxMessage message) {
        if (!message.params().containsKey(BROADCAST_ID)) {
            return message;
        }
        Map<String, Object> params = new LinkedHashMap<>(message.params());
        params.remove(BROADCAST_ID);
        return new OutboxMessage(message.outboxId(), message.chatId(), message.method(), params, message.causeId(),
                message.requestedAt());
    }
}
