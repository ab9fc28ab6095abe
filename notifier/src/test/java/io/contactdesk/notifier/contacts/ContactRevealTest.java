package io.contactdesk.notifier.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.OutboxMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactRevealTest {

    private static final String K1 = ContactCipher.generateKeyringEntry("k1");
    private static final String K9 = ContactCipher.generateKeyringEntry("k9");
    private static final String LISTING = "listing-7";

    private final ContactReveal reveal = ContactReveal.fromKeyring(K1);

    @Test
    void thePlaceholderBecomesTheContactAndTheSealedParamsAreDropped() {
        // given a reply revealing a contact sealed under the notifier's key
        OutboxMessage message = reply("<b>Plumber Bob</b>\nContact: {{contact}}").revealing(seal(K1, "+49 151 2345678"), LISTING);

        // when
        ContactReveal.Revealed revealed = reveal.reveal(message);

        // then
        assertThat(revealed.revealsContact()).isTrue();
        assertThat(revealed.message().params())
                .containsEntry("text", "<b>Plumber Bob</b>\nContact: +49 151 2345678")
                .containsEntry("chat_id", 42L)
                .containsEntry("parse_mode", "HTML")
                .doesNotContainKeys(OutboxMessage.SEALED_CONTACT, OutboxMessage.CONTACT_LISTING_ID);
        assertThat(revealed.message().outboxId()).isEqualTo(message.outboxId());
        // and the record as consumed still holds the envelope only
        assertThat(message.params()).containsKey(OutboxMessage.SEALED_CONTACT);
    }

    @Test
    void everyPlaceholderIsReplaced() {
        // given
        OutboxMessage message = reply("{{contact}} / again: {{contact}}").revealing(seal(K1, "@bob"), LISTING);

        // when
        String text = (String) reveal.reveal(message).message().params().get("text");

        // then
        assertThat(text).isEqualTo("@bob / again: @bob");
    }

    @Test
    void markupInTheContactIsEscaped() {
        // given a contact a user typed with markup in it
        OutboxMessage message = reply("Contact: {{contact}}").revealing(seal(K1, "<b>@x</b> & \"co\""), LISTING);

        // when
        String text = (String) reveal.reveal(message).message().params().get("text");

        // then
        assertThat(text).isEqualTo("Contact: &lt;b&gt;@x&lt;/b&gt; &amp; &quot;co&quot;");
    }

    @Test
    void anEditRevealsToo() {
        // given
        OutboxMessage edit = OutboxMessage.editMessageText("update:2/reply:0", 42, 7, "Now: {{contact}}", null,
                "update:2", Instant.EPOCH).revealing(seal(K1, "a@b.c"), LISTING);

        // when
        ContactReveal.Revealed revealed = reveal.reveal(edit);

        // then
        assertThat(revealed.message().params()).containsEntry("text", "Now: a@b.c").containsEntry("message_id", 7L)
                .doesNotContainKeys(OutboxMessage.SEALED_CONTACT, OutboxMessage.CONTACT_LISTING_ID);
    }

    @Test
    void anEnvelopeUnderAnUnknownKeyFailsByKeyIdWithoutPlaintext() {
        // given a contact sealed under a key the notifier does not have
        OutboxMessage message = reply("Contact: {{contact}}").revealing(seal(K9, "secret-handle"), LISTING);

        // when / then
        assertThatThrownBy(() -> reveal.reveal(message))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessage("contact of listing 'listing-7' cannot be decrypted: no key 'k9' in the keyring")
                .hasMessageNotContaining("secret-handle")
                .hasNoCause();
    }

    @Test
    void anEnvelopeMovedToAnotherListingFailsWithoutPlaintext() {
        // given a ciphertext copied from listing-1 onto listing-7
        OutboxMessage message = reply("Contact: {{contact}}").revealing(
                ContactCipher.fromKeyring(K1).encrypt("secret-handle", "listing-1"), LISTING);

        // when / then
        assertThatThrownBy(() -> reveal.reveal(message))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("secret-handle");
    }

    @Test
    void aTamperedEnvelopeFailsWithoutKeyMaterial() {
        // given
        String envelope = seal(K1, "secret-handle");
        int at = envelope.length() - 10;
        String tampered = envelope.substring(0, at) + (envelope.charAt(at) == 'A' ? 'B' : 'A') + envelope.substring(at + 1);
        OutboxMessage message = reply("Contact: {{contact}}").revealing(tampered, LISTING);

        // when / then
        assertThatThrownBy(() -> reveal.reveal(message))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("secret-handle")
                .hasMessageNotContaining(K1.substring(3));
    }

    @Test
    void aSealedContactWithoutAPlaceholderIsRefused() {
        // given a reveal whose text has nowhere to show the contact
        OutboxMessage message = reply("Contact: (missing)").revealing(seal(K1, "@bob"), LISTING);

        // when / then: the user must not be charged for a message without the contact
        assertThatThrownBy(() -> reveal.reveal(message))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessageContaining("has no {{contact}}");
    }

    @Test
    void aSealedContactWithoutItsListingIdIsRefused() {
        // given
        OutboxMessage message = reply("Contact: {{contact}}").revealing(seal(K1, "@bob"), null);

        // when / then
        assertThatThrownBy(() -> reveal.reveal(message))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessageContaining(OutboxMessage.CONTACT_LISTING_ID);
    }

    @Test
    void aContactIsOnlyRevealedInHtmlTexts() {
        // given a callback answer, which is plain text
        OutboxMessage answer = OutboxMessage.answerCallbackQuery("update:3/answer", 42, "cb-1", "{{contact}}",
                "update:3", Instant.EPOCH).revealing(seal(K1, "@bob"), LISTING);

        // when / then
        assertThatThrownBy(() -> reveal.reveal(answer))
                .isInstanceOf(ContactReveal.UnrevealableContactException.class)
                .hasMessageContaining("not by answerCallbackQuery")
                .hasMessageNotContaining("@bob");
    }

    @Test
    void aMessageWithoutASealedContactIsLeftAsItIs() {
        // given
        OutboxMessage plain = reply("Hello {{contact}}");

        // when
        ContactReveal.Revealed revealed = reveal.reveal(plain);

        // then
        assertThat(revealed.revealsContact()).isFalse();
        assertThat(revealed.message()).isSameAs(plain);
        assertThat(revealed.redact("anything")).isEqualTo("anything");
    }

    @Test
    void failureTextsAreRedactedAndToStringHidesTheContact() {
        // given
        ContactReveal.Revealed revealed = reveal.reveal(
                reply("Contact: {{contact}}").revealing(seal(K1, "<b>@x</b>"), LISTING));

        // when
        String redacted = revealed.redact("Bad Request: '&lt;b&gt;@x&lt;/b&gt;' or '<b>@x</b>' is wrong");

        // then
        assertThat(redacted).isEqualTo("Bad Request: '<contact>' or '<contact>' is wrong");
        assertThat(revealed.toString()).doesNotContain("@x").contains("contact hidden");
    }

    @Test
    void aMissingKeyringNamesTheVariable() {
        assertThatThrownBy(() -> ContactReveal.fromKeyring(""))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CONTACT_ENCRYPTION_KEYS is not set");
    }

    @Test
    void aMalformedKeyringNamesTheVariableWithoutEchoingTheKey() {
        assertThatThrownBy(() -> ContactReveal.fromKeyring("k1:c2hvcnQ="))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("CONTACT_ENCRYPTION_KEYS key 'k1' must be 32 bytes (AES-256), got 5");
    }

    private static OutboxMessage reply(String html) {
        return OutboxMessage.sendMessage("update:1/reply:0", 42, html, null, "update:1", Instant.EPOCH);
    }

    private static String seal(String keyring, String contact) {
        return ContactCipher.fromKeyring(keyring).encrypt(contact, LISTING);
    }
}
