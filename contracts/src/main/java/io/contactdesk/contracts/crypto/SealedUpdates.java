package io.contactdesk.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.json.Json;
import java.util.Objects;

/**
 * Telegram updates as {@code tg.updates} carries them: sealed whole under the contact keyring, so that no broker,
 * dead-letter topic or console reader sees what users wrote. An update may quote a contact: typed during
 * {@code /submit}, or the revealed contact in the bot's message whose button was tapped (Telegram sends that message
 * back with the callback). Only {@code update_id} and the ingress epoch stay readable, for tracing; both are bound
 * into the seal, so a sealed body cannot be moved onto another update.
 *
 * <p>The record is {@code {"update_id":N,"epoch":E,"sealed":"v1:<keyId>:<base64>"}}, {@code epoch} left out while it
 * is 0 ({@link UpdateRef}). The seal is also the record's credential: only the ingress seals updates, so the processor
 * refuses a record without {@code sealed} (an update in the clear, from anyone who can produce to the topic).
 */
public final class SealedUpdates {

    public static final String SEALED = "sealed";
    public static final String UPDATE_ID = "update_id";
    public static final String EPOCH = "epoch";

    private final ContactCipher cipher;

    public SealedUpdates(ContactCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** The record to publish for the update {@code json} named {@code update}. */
    public String seal(UpdateRef update, String json) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put(UPDATE_ID, update.updateId());
        if (update.epoch() != 0) {
            record.put(EPOCH, update.epoch());
        }
        record.put(SEALED, cipher.encrypt(json, boundTo(update)));
        return record.toString();
    }

    /** The record to publish for an update of epoch 0. */
    public String seal(long updateId, String json) {
        return seal(new UpdateRef(0, updateId), json);
    }

    public static boolean isSealed(JsonNode record) {
        return record != null && record.isObject() && record.has(SEALED);
    }

    /**
     * The update's JSON text of a sealed record.
     *
     * @throws ContactCipherException when the record is not a well-formed seal, or does not open (wrong keyring, an
     *     id that is not the one sealed in, tampering); the message names the cause, never any content
     */
    public String open(JsonNode record) {
        JsonNode sealed = record.get(SEALED);
        UpdateRef update = refOf(record);
        if (sealed == null || !sealed.isTextual()) {
            throw new ContactCipherException("sealed update's body is not a string");
        }
        return cipher.decrypt(sealed.asText(), boundTo(update));
    }

    /**
     * The update id and epoch a sealed record is published under (epoch 0 when it names none).
     *
     * @throws ContactCipherException when either is missing, not an integer or out of range
     */
    public static UpdateRef refOf(JsonNode record) {
        JsonNode id = record.get(UPDATE_ID);
        JsonNode epoch = record.get(EPOCH);
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            throw new ContactCipherException("sealed update has no numeric update_id");
        }
        if (epoch != null && (!epoch.canConvertToLong() || !epoch.isIntegralNumber())) {
            throw new ContactCipherException("sealed update's epoch is not an integer");
        }
        try {
            return new UpdateRef(epoch == null ? 0 : epoch.asLong(), id.asLong());
        } catch (IllegalArgumentException e) {
            throw new ContactCipherException("sealed update's " + e.getMessage());
        }
    }

    // Epoch 0 keeps the binding records had before epochs existed, so they still open.
    private static String boundTo(UpdateRef update) {
        return update.epoch() == 0 ? "tg.updates:" + update.updateId()
                : "tg.updates:e" + update.epoch() + "." + update.updateId();
    }
}
