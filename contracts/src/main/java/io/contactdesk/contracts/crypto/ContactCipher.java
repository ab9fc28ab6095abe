package io.contactdesk.contracts.crypto;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for listing contacts under the keyring of {@code CONTACT_ENCRYPTION_KEYS}
 * ({@code id:base64key[:decrypt-only],…}): encrypts with the first key not marked {@code decrypt-only}, decrypts with
 * whichever key the envelope names, so keys can be rotated without a flag day. A new key is first rolled out
 * decrypt-only to every service, then made the encrypting one: no service ever meets an envelope under a key it
 * does not have yet (README, "Key rotation").
 *
 * <p>Envelope: {@code v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>}. The listing id is bound in as
 * associated data, so a ciphertext copied onto another listing does not decrypt.
 */
public final class ContactCipher {

    public static final String VARIABLE = "CONTACT_ENCRYPTION_KEYS";
    public static final String DECRYPT_ONLY = "decrypt-only";
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One AES-GCM instance per thread, initialised afresh (key, new IV) for every seal or opening: looking one up
     * ({@code Cipher.getInstance}) was 2–5 % of the poller's and the processor's CPU per update (docs/performance.md).
     */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    private ContactCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** Parses the keyring; a malformed ring stops start-up naming {@value #VARIABLE}, never echoing key material. */
    public static ContactCipher fromKeyring(String keyring) {
        if (keyring == null || keyring.isBlank()) {
            throw InvalidSettingException.missing(VARIABLE, "a keyring id:base64key[:decrypt-only][,…] of 32-byte AES keys");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        String[] entries = keyring.split(",");
        for (int i = 0; i < entries.length; i++) {
            // Entries are named by position, and an id only once it is known to be an id: a ring pasted in the wrong
            // order (base64key:id) would otherwise print its key in the very line that stops start-up.
            String entry = "entry " + (i + 1);
            String trimmed = entries[i].trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new InvalidSettingException(VARIABLE, "must be id:base64key[,…]; " + entry + " has no id or key");
            }
            String id = trimmed.substring(0, colon);
            String material = trimmed.substring(colon + 1);
            boolean decryptOnly = false;
            int flag = material.indexOf(':'); // base64 has no ':', so a second one starts a flag
            if (flag >= 0) {
                if (!material.substring(flag + 1).equals(DECRYPT_ONLY)) {
                    throw new InvalidSettingException(VARIABLE, entry + ": the only flag after a key is :" + DECRYPT_ONLY);
                }
                decryptOnly = true;
                material = material.substring(0, flag);
            }
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new InvalidSettingException(VARIABLE, entry + ": a key id is 1-32 letters, digits, '-' or '_' "
                        + "(is the entry id:base64key, id first?)");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(material);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(VARIABLE, "key '" + id + "' is not valid base64");
            }
            if (key.length != 32) {
                throw new InvalidSettingException(VARIABLE, "key '" + id + "' must be 32 bytes (AES-256), got " + key.length);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new InvalidSettingException(VARIABLE, "key id '" + id + "' appears twice");
            }
            if (active == null && !decryptOnly) {
                active = id;
            }
        }
        if (active == null) {
            throw new InvalidSettingException(VARIABLE, "has no key to encrypt with: every key is :" + DECRYPT_ONLY);
        }
        return new ContactCipher(Map.copyOf(keys), active);
    }

    /** A fresh keyring entry, e.g. for the local stack's first start. */
    public static String generateKeyringEntry(String keyId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String encrypt(String contact, String listingId) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(listingId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(contact.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String envelope, String listingId) {
        String[] parts = parse(envelope);
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new ContactCipherException("no key '" + parts[1] + "' in the keyring");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new ContactCipherException("envelope payload is not base64");
        }
        if (data.length <= IV_BYTES) {
            throw new ContactCipherException("envelope payload is too short");
        }
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(listingId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new ContactCipherException("envelope does not authenticate (wrong key, or sealed for another listing or update)");
        } catch (GeneralSecurityException e) {
            throw new ContactCipherException("envelope cannot be decrypted: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Whether the envelope is one this keyring can be asked to open: a well-formed envelope whose key id is in the ring.
     * Opens nothing, so it is the check for a service that must not see the contact but must know it can be shown.
     */
    public boolean holdsKeyOf(String envelope) {
        try {
            return keys.containsKey(parse(envelope)[1]);
        } catch (ContactCipherException e) {
            return false;
        }
    }

    /** Ids of every key in the ring, the decrypt-only ones included. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Whether the envelope was sealed with a key other than the active one (the rotation tool re-encrypts those). */
    public boolean needsRotation(String envelope) {
        return !activeKeyId.equals(parse(envelope)[1]);
    }

    public String rotate(String envelope, String listingId) {
        return needsRotation(envelope) ? encrypt(decrypt(envelope, listingId), listingId) : envelope;
    }

    private static String[] parse(String envelope) {
        String[] parts = envelope == null ? new String[0] : envelope.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new ContactCipherException("not a " + VERSION + " contact envelope");
        }
        return parts;
    }

    @Override
    public String toString() {
        return "ContactCipher[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
