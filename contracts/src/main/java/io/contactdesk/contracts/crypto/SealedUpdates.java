package io.contactdesk.contracts.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.json.Json;
import java.util.Objects;

/**
 * Telegram updates as {@code tg.updates} carries them: sealed whole under the contact keyring, so that no broker,
 * dead-letter topic or console reader sees what users wrote. An update may quote a contact: typed during
 * {@code /submit}, or the revealed contact in the bot's message whose button was tapped (Telegram sends that message
 * back with the callback). Only {@code update_id} stays readable, for tracing; it is bound into the seal, so a
 * sealed body cannot be moved onto another update.
 *
 * <p>The record is {@code {"update_id":N,"sealed":"v1:<keyId>:<base64>"}}. A record without {@code sealed} is an
 * update in the clear (written before sealing, or by hand) and is read as it is.
 */
public final class SealedUpdates {

    public static final String SEALED = "sealed";
    public static final String UPDATE_ID = "update_id";

    private final ContactCipher cipher;

    public SealedUpdates(ContactCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** The record to publish for the update {@code json} with id {@code updateId}. */
    public String seal(long updateId, String json) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put(UPDATE_ID, updateId);
        record.put(SEALED, cipher.encrypt(json, boundTo(updateId)));
        return record.toString();
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
        JsonNode id = record.get(UPDATE_ID);
        JsonNode sealed = record.get(SEALED);
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            throw new ContactCipherException("sealed update has no numeric update_id");
        }
        if (sealed == null || !sealed.isTextual()) {
            throw new ContactCipherException("sealed update's body is not a string");
        }
        return cipher.decrypt(sealed.asText(), boundTo(id.asLong()));
    }

    private static String boundTo(long updateId) {
        return "tg.updates:" + updateId;
    }
}
