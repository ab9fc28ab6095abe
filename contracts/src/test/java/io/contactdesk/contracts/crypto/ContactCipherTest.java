package io.contactdesk.contracts.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class ContactCipherTest {

    private static final String OLD = ContactCipher.generateKeyringEntry("k1");
    private static final String NEW = ContactCipher.generateKeyringEntry("k2");

    @Test
    void aContactEncryptedUnderTheActiveKeyDecryptsBack() {
        ContactCipher cipher = ContactCipher.fromKeyring(OLD);

        String envelope = cipher.encrypt("+49 151 2345678", "listing-7");

        assertThat(envelope).startsWith("v1:k1:").doesNotContain("2345678");
        assertThat(cipher.decrypt(envelope, "listing-7")).isEqualTo("+49 151 2345678");
    }

    @Test
    void theSameContactEncryptsDifferentlyEachTime() {
        ContactCipher cipher = ContactCipher.fromKeyring(OLD);

        assertThat(cipher.encrypt("a@b.c", "l")).isNotEqualTo(cipher.encrypt("a@b.c", "l"));
    }

    @Test
    void anOldKeyStillDecryptsAfterANewOneBecomesActive() {
        String envelope = ContactCipher.fromKeyring(OLD).encrypt("@handle", "l1");
        ContactCipher rotated = ContactCipher.fromKeyring(NEW + "," + OLD);

        assertThat(rotated.decrypt(envelope, "l1")).isEqualTo("@handle");
        assertThat(rotated.needsRotation(envelope)).isTrue();
        String reencrypted = rotated.rotate(envelope, "l1");
        assertThat(reencrypted).startsWith("v1:k2:");
        assertThat(rotated.needsRotation(reencrypted)).isFalse();
        assertThat(rotated.decrypt(reencrypted, "l1")).isEqualTo("@handle");
    }

    @Test
    void aCiphertextMovedToAnotherListingDoesNotDecrypt() {
        ContactCipher cipher = ContactCipher.fromKeyring(OLD);
        String envelope = cipher.encrypt("secret@example.com", "listing-1");

        assertThatThrownBy(() -> cipher.decrypt(envelope, "listing-2"))
                .isInstanceOf(ContactCipherException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void anEnvelopeUnderAnUnknownKeyIsRejectedByName() {
        String envelope = ContactCipher.fromKeyring(NEW).encrypt("x", "l");

        assertThatThrownBy(() -> ContactCipher.fromKeyring(OLD).decrypt(envelope, "l"))
                .hasMessage("no key 'k2' in the keyring");
    }

    @Test
    void junkIsNotAnEnvelope() {
        assertThatThrownBy(() -> ContactCipher.fromKeyring(OLD).decrypt("plain text", "l"))
                .isInstanceOf(ContactCipherException.class);
    }

    @Test
    void aShortKeyStopsStartUpNamingTheVariableWithoutEchoingTheKey() {
        assertThatThrownBy(() -> ContactCipher.fromKeyring("k1:c2hvcnQ="))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CONTACT_ENCRYPTION_KEYS key 'k1' must be 32 bytes (AES-256), got 5");
    }

    @Test
    void anEntryInTheWrongOrderStopsStartUpWithoutPrintingItsKey() {
        String key = OLD.substring(OLD.indexOf(':') + 1);

        // given the id and the key swapped (base64key:id), alone and after a good entry
        for (String keyring : new String[] {key + ":k1", NEW + "," + key + ":k1"}) {
            assertThatThrownBy(() -> ContactCipher.fromKeyring(keyring))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("CONTACT_ENCRYPTION_KEYS entry ")
                    .hasMessageContaining("id first?")
                    .message().doesNotContain(key).doesNotContain(key.substring(0, 8));
        }
    }

    @Test
    void aMissingKeyringNamesTheVariable() {
        assertThatThrownBy(() -> ContactCipher.fromKeyring(""))
                .hasMessageStartingWith("CONTACT_ENCRYPTION_KEYS is not set");
    }

    @Test
    void toStringShowsKeyIdsOnly() {
        String shown = ContactCipher.fromKeyring(NEW + "," + OLD).toString();

        assertThat(shown).contains("k1", "k2", "active=k2")
                .doesNotContain(NEW.substring(3), OLD.substring(3));
    }

    @Test
    void aKeyringHoldsTheKeyOfEnvelopesSealedWithOneOfItsKeysAndOfNothingElse() {
        ContactCipher oldRing = ContactCipher.fromKeyring(OLD);
        String sealedUnderOld = oldRing.encrypt("+49 30 1234567", "l1");
        ContactCipher otherRing = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k9"));

        assertThat(oldRing.holdsKeyOf(sealedUnderOld)).isTrue();
        assertThat(otherRing.holdsKeyOf(sealedUnderOld)).isFalse();
        assertThat(oldRing.holdsKeyOf(null)).isFalse();
        assertThat(oldRing.holdsKeyOf("+49 30 1234567")).isFalse();
    }

    @Test
    void aDecryptOnlyKeyOpensEnvelopesButTheFirstOtherKeyEncrypts() {
        // step 1 of a rotation: the new key k2 is everywhere, but only to read
        ContactCipher stepOne = ContactCipher.fromKeyring(NEW + ":decrypt-only," + OLD);
        // step 2: k2 encrypts, k1 still reads
        ContactCipher stepTwo = ContactCipher.fromKeyring(NEW + "," + OLD);

        assertThat(stepOne.activeKeyId()).isEqualTo("k1");
        assertThat(stepOne.encrypt("+49 30 1234567", "l-1")).startsWith("v1:k1:");
        // a service still at step 1 opens what a service already at step 2 sealed
        assertThat(stepOne.decrypt(stepTwo.encrypt("+49 30 1234567", "l-1"), "l-1")).isEqualTo("+49 30 1234567");
        assertThat(stepOne.keyIds()).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void aRingWhoseKeysAreAllDecryptOnlyStopsStartUp() {
        assertThatThrownBy(() -> ContactCipher.fromKeyring(NEW + ":decrypt-only"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CONTACT_ENCRYPTION_KEYS has no key to encrypt with: every key is :decrypt-only");
    }

    @Test
    void anUnknownFlagStopsStartUpWithoutPrintingTheKey() {
        String key = NEW.substring(NEW.indexOf(':') + 1);

        assertThatThrownBy(() -> ContactCipher.fromKeyring(NEW + ":readonly"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CONTACT_ENCRYPTION_KEYS entry 1: the only flag after a key is :decrypt-only")
                .message().doesNotContain(key);
    }
}
