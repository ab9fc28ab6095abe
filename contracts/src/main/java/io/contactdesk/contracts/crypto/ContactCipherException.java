package io.contactdesk.contracts.crypto;

/** A contact envelope that cannot be opened; its message never contains key material or plaintext. */
public class ContactCipherException extends RuntimeException {

    public ContactCipherException(String message) {
        super(message);
    }
}
