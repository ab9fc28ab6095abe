package io.contactdesk.processor.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads raw Update JSON defensively: the topic carries whatever the Bot API (or an attacker with a forged update)
 * sent, so every field is checked for presence and type before the bot acts on it. Fields and update types the bot
 * does not know are left alone: Telegram adds some in most Bot API versions.
 *
 * <p>Only the poller speaks for Telegram: it seals every update ({@link SealedUpdates}) with the keyring it shares
 * with this processor, and the seal is opened here, in memory. A record in the clear is refused: anyone who can
 * produce to the topic could otherwise write an update "from" an admin.
 */
public final class UpdateParser {

    /** Telegram's own limits: 4096 characters of text, 64 bytes of callback data. Longer is not from Telegram. */
    static final int MAX_TEXT_LENGTH = 4096;
    static final int MAX_CALLBACK_DATA_BYTES = 64;
    /** An invoice payload is 1–128 bytes; a charge id is Telegram's, bounded here so a forged one cannot bloat a store. */
    static final int MAX_PAYLOAD_BYTES = 128;
    static final int MAX_CHARGE_ID_LENGTH = 256;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{5,32}");

    /** The dead letter's reason for a record in the clear. */
    public static final String NOT_SEALED = "not sealed: only the ingress may publish updates";

    private final SealedUpdates seals;

    public UpdateParser(SealedUpdates seals) {
        this.seals = Objects.requireNonNull(seals, "seals");
    }

    /**
     * @throws InvalidUpdateException when the record is not sealed by the ingress ({@link #NOT_SEALED}: empty, not
     *     JSON, or in the clear), a seal that does not open, a sealed body that is not JSON, or an update the bot
     *     acts on without the fields Telegram always sends. An update the bot chooses not to use is an
     *     {@link IgnoredUpdate}, never an exception.
     */
    public ParsedUpdate parse(String record) {
        JsonNode sealed;
        try {
            sealed = tree(record, "");
        } catch (InvalidUpdateException e) {
            // Empty, or not even JSON: whatever it is, the ingress did not write it.
            throw new InvalidUpdateException(NOT_SEALED);
        }
        if (!SealedUpdates.isSealed(sealed)) {
            throw new InvalidUpdateException(NOT_SEALED);
        }
        String opened;
        UpdateRef sealedAs;
        try {
            sealedAs = SealedUpdates.refOf(sealed);
            opened = seals.open(sealed);
        } catch (ContactCipherException e) {
            throw new InvalidUpdateException("sealed update cannot be opened: " + e.getMessage());
        }
        return read(tree(opened, "sealed update "), sealedAs);
    }

    /**
     * The Update JSON itself, as Telegram sent it, named by its own update_id in epoch 0: for reading what a seal held
     * (tests of the Update rules); records from the topic go through {@link #parse(String)}.
     */
    ParsedUpdate readOpened(String updateJson) {
        return read(tree(updateJson, ""), null);
    }

    private ParsedUpdate read(JsonNode update, UpdateRef sealedAs) {
        if (!update.isObject()) {
            throw new InvalidUpdateException("not a JSON object");
        }
        UpdateRef ref = ref(update, sealedAs);
        // Telegram sends at most one of the optional fields; a forged update with several is read by the first here.
        if (update.has("message")) {
            return message(ref, object(update, "message"));
        }
        if (update.has("callback_query")) {
            return callback(ref, object(update, "callback_query"));
        }
        if (update.has("my_chat_member")) {
            return membership(ref, object(update, "my_chat_member"));
        }
        if (update.has("pre_checkout_query")) {
            return preCheckout(ref, object(update, "pre_checkout_query"));
        }
        String type = typeOf(update);
        if (type == null) {
            throw new InvalidUpdateException("update " + ref + " carries nothing besides its update_id");
        }
        return new IgnoredUpdate(ref, type, switch (type) {
            case "channel_post", "edited_channel_post" -> IgnoredUpdate.Reason.CHANNEL;
            default -> IgnoredUpdate.Reason.NOT_USED;
        });
    }

    /** The update's one optional field, i.e. its type; what it holds is not read, since the bot does not use it. */
    private static String typeOf(JsonNode update) {
        for (Iterator<String> names = update.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return null;
    }

    /**
     * The update's name in the pipeline. A sealed record names its epoch outside the seal (bound into it); the
     * Update inside must carry the same update_id. Read on its own ({@link #readOpened}), an Update is in epoch 0.
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

    private ParsedUpdate message(UpdateRef ref, JsonNode message) {
        Chat chat = chat(message);
        long messageId = positiveLong(message, "message_id");
        anyLong(message, "date");
        if (chat.isGroup()) {
            return groupMessage(ref, chat, message);
        }
        if (!chat.isPrivate()) {
            return new IgnoredUpdate(ref, "message", chat.isChannel() ? IgnoredUpdate.Reason.CHANNEL
                    : IgnoredUpdate.Reason.OTHER_CHAT);
        }
        IncomingUpdate.Sender from = sender(object(message, "from"));
        if (chat.id() != from.userId()) {
            // A forged chat: replies (and revealed contacts) would reach other people.
            throw new InvalidUpdateException("message is not in the sender's private chat");
        }
        if (message.has("successful_payment")) {
            return payment(ref, from, object(message, "successful_payment"));
        }
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
        return new IncomingUpdate(ref, from, chat.id(), messageId, body, null, null);
    }

    /** Only a person's text in a group gets the bot's one answer there; joins, pins, media and other bots do not. */
    private static ParsedUpdate groupMessage(UpdateRef ref, Chat chat, JsonNode message) {
        JsonNode from = message.get("from");
        if (from == null || !from.isObject() || from.path("is_bot").asBoolean(true)) {
            return new IgnoredUpdate(ref, "message", IgnoredUpdate.Reason.NOT_A_PERSON);
        }
        if (!message.path("text").isTextual()) {
            return new IgnoredUpdate(ref, "message", IgnoredUpdate.Reason.NOT_TEXT);
        }
        return new GroupUpdate(ref, chat.id(), false, null, optionalText(from, "language_code"));
    }

    private ParsedUpdate callback(UpdateRef ref, JsonNode query) {
        IncomingUpdate.Sender from = sender(object(query, "from"));
        String id = text(query, "id");
        JsonNode message = query.get("message");
        long chatId = from.userId();
        long messageId = 0;
        if (message != null && message.isObject()) {
            JsonNode type = message.path("chat").path("type");
            if (type.isTextual() && !type.asText().equals(Chat.PRIVATE)) {
                // The bot puts buttons in private chats only: a tap elsewhere is on nothing it offered.
                return new IgnoredUpdate(ref, "callback_query", IgnoredUpdate.Reason.OTHER_CHAT);
            }
            chatId = message.path("chat").path("id").asLong(from.userId());
            messageId = message.path("message_id").asLong(0);
        }
        if (chatId != from.userId()) {
            throw new InvalidUpdateException("callback_query is not from the sender's private chat");
        }
        JsonNode data = query.get("data");
        String callbackData = data != null && data.isTextual() ? data.asText() : "";
        if (callbackData.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
            throw new InvalidUpdateException("callback_query.data is longer than " + MAX_CALLBACK_DATA_BYTES + " bytes");
        }
        return new IncomingUpdate(ref, from, chatId, messageId, null, id, callbackData);
    }

    /** Telegram's {@code PreCheckoutQuery}: id, from, currency, total_amount and invoice_payload are always sent. */
    private PreCheckoutQuery preCheckout(UpdateRef ref, JsonNode query) {
        IncomingUpdate.Sender from = sender(object(query, "from"));
        return new PreCheckoutQuery(ref, from, text(query, "id"), text(query, "currency"),
                positiveLong(query, "total_amount"), payload(query));
    }

    /** Telegram's {@code SuccessfulPayment}: the charge id names the payment, the payload names what was bought. */
    private static SuccessfulPayment payment(UpdateRef ref, IncomingUpdate.Sender from, JsonNode payment) {
        String chargeId = text(payment, "telegram_payment_charge_id");
        if (chargeId.length() > MAX_CHARGE_ID_LENGTH) {
            throw new InvalidUpdateException("telegram_payment_charge_id is longer than " + MAX_CHARGE_ID_LENGTH);
        }
        return new SuccessfulPayment(ref, from, text(payment, "currency"), positiveLong(payment, "total_amount"),
                payload(payment), chargeId);
    }

    private static String payload(JsonNode parent) {
        String payload = text(parent, "invoice_payload");
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new InvalidUpdateException("invoice_payload is longer than " + MAX_PAYLOAD_BYTES + " bytes");
        }
        return payload;
    }

    /** {@code my_chat_member}: the bot's own status changed in a chat (blocked, unblocked, added to a group…). */
    private ParsedUpdate membership(UpdateRef ref, JsonNode change) {
        Chat chat = chat(change);
        anyLong(change, "date");
        JsonNode performer = object(change, "from");
        String oldStatus = status(change, "old_chat_member");
        String newStatus = status(change, "new_chat_member");
        if (chat.isPrivate()) {
            IncomingUpdate.Sender from = sender(performer);
            if (chat.id() != from.userId()) {
                throw new InvalidUpdateException("my_chat_member is not in the sender's private chat");
            }
            return new MembershipUpdate(ref, from, oldStatus, newStatus);
        }
        if (chat.isGroup() && isIn(newStatus) && !isIn(oldStatus)) {
            // new_chat_member.user is the bot itself: the one place an update tells the bot its own username.
            String botUsername = username(change.get("new_chat_member").path("user"));
            return new GroupUpdate(ref, chat.id(), true, botUsername, optionalText(performer, "language_code"));
        }
        return new IgnoredUpdate(ref, "my_chat_member", chat.isChannel() ? IgnoredUpdate.Reason.CHANNEL
                : chat.isGroup() ? IgnoredUpdate.Reason.MEMBERSHIP : IgnoredUpdate.Reason.OTHER_CHAT);
    }

    private static boolean isIn(String status) {
        return status.equals("member") || status.equals("administrator") || status.equals("creator");
    }

    private static String status(JsonNode change, String field) {
        return text(object(change, field), "status");
    }

    /** A Telegram username (5–32 letters, digits, underscores), or null: it is shown to a whole group. */
    private static String username(JsonNode user) {
        JsonNode name = user.get("username");
        return name != null && name.isTextual() && USERNAME.matcher(name.asText()).matches() ? name.asText() : null;
    }

    /** Telegram's {@code Chat}: its id and type are always sent; group and channel ids are negative. */
    private static Chat chat(JsonNode parent) {
        JsonNode node = object(parent, "chat");
        Chat chat = new Chat(anyLong(node, "id"), text(node, "type"));
        if ((chat.isGroup() || chat.isChannel()) && chat.id() >= 0) {
            throw new InvalidUpdateException("a " + chat.type() + " chat with a non-negative id");
        }
        return chat;
    }

    private record Chat(long id, String type) {

        static final String PRIVATE = "private";

        boolean isPrivate() {
            return type.equals(PRIVATE);
        }

        boolean isGroup() {
            return type.equals("group") || type.equals("supergroup");
        }

        boolean isChannel() {
            return type.equals("channel");
        }
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
