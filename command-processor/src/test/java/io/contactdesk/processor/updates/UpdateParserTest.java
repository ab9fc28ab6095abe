package io.contactdesk.processor.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.TelegramUpdates;
import org.junit.jupiter.api.Test;

class UpdateParserTest {

    private final UpdateParser parser = new UpdateParser(new SealedUpdates(TestRules.cipher()));

    @Test
    void aCommandMessageYieldsSenderChatAndCommand() {
        IncomingUpdate update = parser.parse(TelegramUpdates.message(17, 42, "/start@contactdesk_bot now"));

        assertThat(update.ref()).isEqualTo(new UpdateRef(0, 17));
        assertThat(update.from().userId()).isEqualTo(42);
        assertThat(update.chatId()).isEqualTo(42);
        assertThat(update.command()).isEqualTo("start");
        assertThat(update.commandArguments()).isEqualTo("now");
        assertThat(update.causeId()).isEqualTo("update:17");
    }

    @Test
    void aCallbackQueryYieldsItsDataAndTheTappedMessage() {
        IncomingUpdate update = parser.parse(TelegramUpdates.callback(18, 42, 5, "page:2"));

        assertThat(update.isCallback()).isTrue();
        assertThat(update.callbackData()).isEqualTo("page:2");
        assertThat(update.messageId()).isEqualTo(5);
        assertThat(update.command()).isNull();
    }

    @Test
    void missingFieldsWrongTypesAndOtherUpdateKindsAreRejectedWithAReason() {
        assertThatThrownBy(() -> parser.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"update_id\":\"x\"}")).hasMessageContaining("update_id");
        assertThatThrownBy(() -> parser.parse("{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1}}}"))
                .hasMessageContaining("from");
        assertThatThrownBy(() -> parser.parse("{\"update_id\":1,\"edited_message\":{}}"))
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> parser.parse(TelegramUpdates.message(1, 42, "x".repeat(4097))))
                .hasMessageContaining("longer than 4096");
    }

    @Test
    void updatesFromBotsAreRejected() {
        String fromBot = TelegramUpdates.message(1, 42, "/start").replace("\"is_bot\":false", "\"is_bot\":true");

        assertThatThrownBy(() -> parser.parse(fromBot)).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("is a bot");
    }

    @Test
    void aMessageOrTapOutsideTheSendersPrivateChatIsRejected() {
        String inGroup = TelegramUpdates.message(1, 42, "/view p1").replace("\"chat\":{\"id\":42", "\"chat\":{\"id\":-100");
        String tapElsewhere = TelegramUpdates.callback(2, 42, 5, "u:p1").replace("\"chat\":{\"id\":42", "\"chat\":{\"id\":43");

        assertThatThrownBy(() -> parser.parse(inGroup)).hasMessageContaining("private chat");
        assertThatThrownBy(() -> parser.parse(tapElsewhere)).hasMessageContaining("private chat");
    }

    @Test
    void namesLoseInvisibleCharactersAndAreCutWithoutSplittingAnEmoji() {
        String hostile = TelegramUpdates.message(1, 42, "/start").replace("\"first_name\":\"Ada\"",
                "\"first_name\":\"\\u202EAda\\u200B\"").replace("\"username\":\"ada\"",
                "\"username\":\"a" + "\uD83D\uDE00".repeat(200) + "\"");

        IncomingUpdate.Sender from = parser.parse(hostile).from();

        assertThat(from.firstName()).isEqualTo("Ada");
        assertThat(from.username()).hasSize(255).endsWith("\uD83D\uDE00");
    }

    @Test
    void anUpdateSealedByThePollerIsOpenedAndReadLikeOneInTheClear() {
        String clear = TelegramUpdates.message(19, 42, "+380441234567");

        IncomingUpdate update = parser.parse(new SealedUpdates(TestRules.cipher()).seal(19, clear));

        assertThat(update.ref()).isEqualTo(new UpdateRef(0, 19));
        assertThat(update.from().userId()).isEqualTo(42);
        assertThat(update.text()).isEqualTo("+380441234567");
    }

    @Test
    void anUpdateSealedUnderAKeyThisProcessorLacksIsRejectedNamingTheKey() {
        SealedUpdates otherRing = new SealedUpdates(ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k7")));

        assertThatThrownBy(() -> parser.parse(otherRing.seal(20, TelegramUpdates.message(20, 42, "hi"))))
                .isInstanceOf(InvalidUpdateException.class)
                .hasMessage("sealed update cannot be opened: no key 'k7' in the keyring");
    }

    @Test
    void aSealedBodyThatIsNotJsonIsRejectedWithItsReason() {
        assertThatThrownBy(() -> parser.parse(new SealedUpdates(TestRules.cipher()).seal(21, "{not json")))
                .isInstanceOf(InvalidUpdateException.class).hasMessageStartingWith("sealed update not JSON");
    }

    @Test
    void anUpdateSealedInALaterEpochIsNamedByEpochAndId() {
        String record = new SealedUpdates(TestRules.cipher()).seal(new UpdateRef(2, 19), TelegramUpdates.message(19, 42, "/help"));

        IncomingUpdate update = parser.parse(record);

        assertThat(update.ref()).isEqualTo(new UpdateRef(2, 19));
        assertThat(update.causeId()).isEqualTo("update:e2.19");
    }

    @Test
    void aSealedUpdateWhoseBodyNamesAnotherUpdateIdIsRejected() {
        String record = new SealedUpdates(TestRules.cipher()).seal(new UpdateRef(1, 19), TelegramUpdates.message(20, 42, "/help"));

        assertThatThrownBy(() -> parser.parse(record)).isInstanceOf(InvalidUpdateException.class)
                .hasMessage("sealed update 19@1 holds update_id 20");
    }

    @Test
    void anUpdateIdBeyondTelegrams32BitsIsRejected() {
        assertThatThrownBy(() -> parser.parse(TelegramUpdates.message(1L << 32, 42, "/help")))
                .isInstanceOf(InvalidUpdateException.class).hasMessageContaining("not a 32-bit id");
    }
}
