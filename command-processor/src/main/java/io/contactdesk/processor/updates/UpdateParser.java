package io.contactdesk.processor.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.json.Json;
import java.util.Objects;

/**
 * Reads raw Update JSON defensively: the topic carries whatever the Bot API (or an attacker with a forged update)
 * sent, so every field is checked for presence and type before the bot acts on it. The poller seals updates
 * ({@link SealedUpdates}); they are opened here, in memory. A record in the clear (from before sealing, or written to
 * the topic by hand) is read as it is.
 */
public final class UpdateParser {

    /** Telegram's own limits: 4096 characters of text, 64 bytes of callback data. Longer is not from Telegram. */
    static final int MAX_TEXT_LENGTH = 4096;
    static final int MAX_CALLBACK_DATA_BYTES = 64;

    private final SealedUpdates seals;

    public UpdateParser(SealedUpdates seals) {
        this.seals = Objects.requireNonNull(seals, "seals");
    }

    public IncomingUpdate parse(String json) {
        JsonNode record = tree(json, "");
        JsonNode update = record;
        UpdateRef sealedAs = null;
        if (SealedUpdates.isSealed(record)) {
            String opened;
            try {
                sealedAs = SealedUpdates.refOf(record);
                opened = seals.open(record);
            } catch (ContactCipherException e) {
                throw new InvalidUpdateException("sealed update cannot be opened: " + e.getMessage());
            }
            update = tree(opened, "sealed update ");
        }
        if (!update.isObject()) {
            throw new InvalidUpdateException("not a JSON object");
        }
        UpdateRef ref = ref(update, sealedAs);
        if (update.has("message")) {
            return message(ref, object(update, "message"));
        }
        if (update.has("callback_query")) {
            return callback(ref, object(update, "callback_query"));
        }
        throw new InvalidUpdateException("update " + ref + " has neither a message nor a callback_query");
    }

    /**
     * The update's name in the pipeline. A sealed record names its epoch outside the seal (bound into it); the
     * Update inside must carry the same update_id. A record in the clear predates epochs: epoch 0.
     */
    private static UpdateRef ref(JsonNode update, UpdateRef sealedAs) {
        long updateId = positiveLong(update, "update_id");
        if (sealedAs != null && sealedAs.updateId() != updateId) {
            throw new InvalidUpdateException("sealed update " + sealedAs + " holds update_id " + updateId);
        }
        if (sealedAs != null) {
            return sealedAs;
        }
        try {
            return new UpdateRef(0, updateId);
        } catch (IllegalArgumentException e) {
            throw new InvalidUpdateException(e.getMessage());
        }
    }

    private static JsonNode tree(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidUpdateException(what + "empty update");
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidUpdateException(what + "not JSON: " + e.getOriginalMessage());
        }
    }

    private IncomingUpdate message(UpdateRef ref, JsonNode message) {
        IncomingUpdate.Sender from = sender(object(message, "from"));
        JsonNode chat = object(message, "chat");
        long chatId = anyLong(chat, "id");
        if (chatId != from.userId()) {
            // A group, a channel or a forged chat: replies (and revealed contacts) would reach other people.
            throw new InvalidUpdateException("message is not in the sender's private chat");
        }
        long messageId = positiveLong(message, "message_id");
        JsonNode text = message.get("text");
        String body = null;
        if (text != null && !text.isNull()) {
            if (!text.isTextual()) {
                throw new InvalidUpdateException("message.text is not a string");
            }
            body = text.asText();
            if (body.length() > MAX_TEXT_LENGTH) {
                throw new InvalidUpdateException("message.text is longer than " + MAX_TEXT_LENGTH + " characters");
            }
        }
        return new IncomingUpdate(ref, from, chatId, messageId, body, null, null);
    }

    private IncomingUpdate callback(UpdateRef ref, JsonNode query) {
        IncomingUpdate.Sender from = sender(object(query, "from"));
        String id = text(query, "id");
        JsonNode message = query.get("message");
        long chatId = from.userId();
        long messageId = 0;
        if (message != null && message.isObject()) {
            chatId = message.path("chat").path("id").asLong(from.userId());
            messageId = message.path("message_id").asLong(0);
        }
        if (chatId != from.userId()) {
            throw new InvalidUpdateException("callback_query is not from the sender's private chat");
        }
        JsonNode data = query.get("data");
        String callbackData = data != null && data.isTextual() ? data.asText() : "";
        if (callbackData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
            throw new InvalidUpdateException("callback_query.data is longer than " + MAX_CALLBACK_DATA_BYTES + " bytes");
        }
        return new IncomingUpdate(ref, from, chatId, messageId, null, id, callbackData);
    }

    private IncomingUpdate.Sender sender(JsonNode from) {
        long userId = positiveLong(from, "id");
        if (from.path("is_bot").asBoolean(false)) {
            throw new InvalidUpdateException("sender " + userId + " is a bot");
        }
        return new IncomingUpdate.Sender(
                userId, optionalText(from, "username"), optionalText(from, "first_name"),
                optionalText(from, "language_code"));
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidUpdateException(field + " is missing or not an object");
        }
        return node;
    }

    private static long positiveLong(JsonNode parent, String field) {
        long value = anyLong(parent, field);
        if (value <= 0) {
            throw new InvalidUpdateException(field + " must be positive");
        }
        return value;
    }

    private static long anyLong(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidUpdateException(field + " is missing or not an integer");
        }
        return node.asLong();
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidUpdateException(field + " is missing or not a string");
        }
        return node.asText();
    }

    /** Names are display-only: bounded, and absent when of the wrong type rather than fatal. */
    private static String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            return null;
        }
        // Shown to others too (admins review submissions): no bidi overrides or invisible characters, no half emoji.
        String value = UserText.clean(UserText.truncate(node.asText(), 256), false);
        return value.isEmpty() ? null : value;
    }
}
