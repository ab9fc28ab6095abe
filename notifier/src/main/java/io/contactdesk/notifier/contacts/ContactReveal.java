package io.contactdesk.notifier.contacts;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.html.Html;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the sealed contact of an outbox message right before its Bot API call (contacts are ciphertext everywhere
 * but in the notifier's memory): the {@link OutboxMessage#CONTACT_PLACEHOLDER} of its HTML text becomes the escaped contact,
 * and {@link OutboxMessage#SEALED_CONTACT} and {@link OutboxMessage#CONTACT_LISTING_ID} are dropped, so that
 * neither reaches Telegram.
 *
 * <p>The plaintext exists only in the {@link Revealed} call it returns: that must never be logged, dead-lettered
 * (dead letters keep the original record, which holds the envelope only) or put into an exception message;
 * failure texts met while delivering it go through {@link Revealed#redact(String)}. Failures of the reveal itself
 * name the listing and the cipher's reason, never the plaintext or key material.
 */
public final class ContactReveal {

    /** What a failure text shows where it would have quoted the contact. */
    public static final String REDACTED = "<contact>";

    private static final String TEXT = "text";
    private static final String PARSE_MODE = "parse_mode";

    private final ContactCipher cipher;

    public ContactReveal(ContactCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /**
     * The keyring of {@code CONTACT_ENCRYPTION_KEYS}.
     *
     * @throws io.contactdesk.contracts.config.InvalidSettingException naming the variable when it is missing or
     *     malformed (without echoing key material)
     */
    public static ContactReveal fromKeyring(String keyring) {
        return new ContactReveal(ContactCipher.fromKeyring(keyring));
    }

    /**
     * The call as the Bot API must receive it: the message itself when it reveals nothing, else with the contact
     * in its text and without the sealed params.
     *
     * @throws UnrevealableContactException when the envelope cannot be opened or the message cannot show it
     */
    public Revealed reveal(OutboxMessage message) {
        Map<String, Object> params = new LinkedHashMap<>(message.params());
        Object sealed = params.remove(OutboxMessage.SEALED_CONTACT);
        Object listing = params.remove(OutboxMessage.CONTACT_LISTING_ID);
        if (!message.revealsContact()) {
            // A stray listing id is not a Bot API parameter either.
            return new Revealed(listing == null ? message : withParams(message, params), null);
        }
        if (!(sealed instanceof String envelope) || envelope.isBlank()) {
            throw new UnrevealableContactException(OutboxMessage.SEALED_CONTACT + " is not a contact envelope");
        }
        if (!(listing instanceof String || listing instanceof Number) || listing.toString().isBlank()) {
            throw new UnrevealableContactException("sealed contact without its " + OutboxMessage.CONTACT_LISTING_ID);
        }
        String listingId = listing.toString();
        if (!OutboxMessage.SEND_MESSAGE.equals(message.method())
                && !OutboxMessage.EDIT_MESSAGE_TEXT.equals(message.method())) {
            throw new UnrevealableContactException("contact of listing '" + listingId + "' can only be revealed by "
                    + OutboxMessage.SEND_MESSAGE + " or " + OutboxMessage.EDIT_MESSAGE_TEXT + ", not by "
                    + message.method());
        }
        Object parseMode = params.get(PARSE_MODE);
        if (parseMode != null && !"HTML".equalsIgnoreCase(parseMode.toString())) {
            // Html.escape would not make the contact safe in another markup.
            throw new UnrevealableContactException("contact of listing '" + listingId
                    + "' can only be revealed in an HTML text, parse_mode is " + parseMode);
        }
        if (!(params.get(TEXT) instanceof String text) || !text.contains(OutboxMessage.CONTACT_PLACEHOLDER)) {
            // Sending it without the contact would charge the user for nothing: let ops see it instead.
            throw new UnrevealableContactException("contact of listing '" + listingId + "' has no "
                    + OutboxMessage.CONTACT_PLACEHOLDER + " in the text to reveal it in");
        }
        String contact;
        try {
            contact = cipher.decrypt(envelope, listingId);
        } catch (ContactCipherException e) {
            // The cipher's messages carry key ids and causes only, never plaintext or key material.
            throw new UnrevealableContactException(
                    "contact of listing '" + listingId + "' cannot be decrypted: " + e.getMessage());
        }
        params.put(TEXT, text.replace(OutboxMessage.CONTACT_PLACEHOLDER, Html.escape(contact)));
        return new Revealed(withParams(message, params), contact);
    }

    private static OutboxMessage withParams(OutboxMessage message, Map<String, Object> params) {
        return new OutboxMessage(message.outboxId(), message.chatId(), message.method(), params, message.causeId(),
                message.requestedAt());
    }

    @Override
    public String toString() {
        return "ContactReveal[" + cipher + "]";
    }

    /** An outbox call ready for the Bot API, possibly holding a plaintext contact: keep it in memory only. */
    public static final class Revealed {

        private final OutboxMessage message;
        private final String contact;
        private final String escaped;

        private Revealed(OutboxMessage message, String contact) {
            this.message = message;
            this.contact = contact;
            this.escaped = contact == null ? null : Html.escape(contact);
        }

        /** The call to make. When {@link #revealsContact()}, its text holds the plaintext: never log it. */
        public OutboxMessage message() {
            return message;
        }

        public boolean revealsContact() {
            return contact != null;
        }

        /** The text with the contact, plain or escaped, replaced by {@value ContactReveal#REDACTED}. */
        public String redact(String text) {
            if (contact == null || text == null) {
                return text;
            }
            String redacted = text;
            if (!escaped.isEmpty()) {
                redacted = redacted.replace(escaped, REDACTED);
            }
            if (!contact.isEmpty()) {
                redacted = redacted.replace(contact, REDACTED);
            }
            return redacted;
        }

        @Override
        public String toString() {
            // The message's own toString would print the contact.
            return "Revealed[outbox " + message.outboxId() + ", chat " + message.chatId() + ", " + message.method()
                    + (revealsContact() ? ", contact hidden]" : "]");
        }
    }

    /** A sealed contact that cannot be shown; the message names the cause without plaintext or key material. */
    public static final class UnrevealableContactException extends RuntimeException {

        UnrevealableContactException(String message) {
            // No cause kept: a cause's own message is beyond this class's control.
            super(message, null, false, false);
        }
    }
}
