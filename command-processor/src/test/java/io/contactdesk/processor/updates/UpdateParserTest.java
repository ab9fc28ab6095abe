package io.contactdesk.processor.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.processor.TelegramUpdates;
import io.contactdesk.processor.TestRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateParserTest {

    private final UpdateParser parser = new UpdateParser(new SealedUpdates(TestRules.cipher()));

    @Test
    void aCommandMessageYieldsSenderChatAndCommand() {
        IncomingUpdate update = incoming(TelegramUpdates.message(17, 42, "/start@contactdesk_bot now"));

        assertThat(update.ref()).isEqualTo(new UpdateRef(0, 17));
        assertThat(update.from().userId()).isEqualTo(42);
        assertThat(update.chatId()).isEqualTo(42);
        assertThat(update.command()).isEqualTo("start");
        assertThat(update.commandArguments()).isEqualTo("now");
        assertThat(update.causeId()).isEqualTo("update:17");
    }

    @Test
    void aCallbackQueryYieldsItsDataAndTheTappedMessage() {
        IncomingUpdate update = incoming(TelegramUpdates.callback(18, 42, 5, "page:2"));

        assertThat(update.isCallback()).isTrue();
        assertThat(update.callbackData()).isEqualTo("page:2");
        assertThat(update.messageId()).isEqualTo(5);
        assertThat(update.command()).isNull();
    }

    private IncomingUpdate incoming(String json) {
        return asIncoming(parser.readOpened(json));
    }

    private IncomingUpdate incomingRecord(String record) {
        return asIncoming(parser.parse(record));
    }

    private static IncomingUpdate asIncoming(ParsedUpdate update) {
        assertThat(update).isInstanceOf(IncomingUpdate.class);
        return (IncomingUpdate) update;
    }

    @Test
    void missingFieldsAndWrongTypesAreRejectedWithAReason() {
        assertThatThrownBy(() -> parser.readOpened("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.readOpened("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.readOpened("{\"update_id\":\"x\"}")).hasMessageContaining("update_id");
        assertThatThrownBy(() -> parser.readOpened("{\"update_id\":5}")).hasMessageContaining("nothing besides its update_id");
        assertThatThrownBy(() -> parser.readOpened(
                "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"}}}"))
                .hasMessageContaining("from");
        assertThatThrownBy(() -> parser.readOpened("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1}}}"))
                .hasMessageContaining("type");
        assertThatThrownBy(() -> parser.readOpened(TelegramUpdates.message(1, 42, "x".repeat(4097))))
                .hasMessageContaining("longer than 4096");
    }

    @Test
    void updatesFromBotsAreRejected() {
        String fromBot = TelegramUpdates.message(1, 42, "/start").replace("\"is_bot\":false", "\"is_bot\":true");

        assertThatThrownBy(() -> parser.readOpened(fromBot)).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("is a bot");
    }

    @Test
    void aMessageOrTapOutsideTheSendersPrivateChatIsRejected() {
        String inGroup = TelegramUpdates.message(1, 42, "/view p1").replace("\"chat\":{\"id\":42", "\"chat\":{\"id\":-100");
        String tapElsewhere = TelegramUpdates.callback(2, 42, 5, "u:p1").replace("\"chat\":{\"id\":42", "\"chat\":{\"id\":43");

        assertThatThrownBy(() -> parser.readOpened(inGroup)).hasMessageContaining("private chat");
        assertThatThrownBy(() -> parser.readOpened(tapElsewhere)).hasMessageContaining("private chat");
    }

    @Test
    void namesLoseInvisibleCharactersAndAreCutWithoutSplittingAnEmoji() {
        String hostile = TelegramUpdates.message(1, 42, "/start").replace("\"first_name\":\"Ada\"",
                "\"first_name\":\"\\u202EAda\\u200B\"").replace("\"username\":\"ada\"",
                "\"username\":\"a" + "\uD83D\uDE00".repeat(200) + "\"");

        IncomingUpdate.Sender from = incoming(hostile).from();

        assertThat(from.firstName()).isEqualTo("Ada");
        assertThat(from.username()).hasSize(255).endsWith("\uD83D\uDE00");
    }

    @Test
    void anUpdateSealedByThePollerIsOpenedAndReadLikeOneInTheClear() {
        String clear = TelegramUpdates.message(19, 42, "+380441234567");

        IncomingUpdate update = incomingRecord(new SealedUpdates(TestRules.cipher()).seal(19, clear));

        assertThat(update.ref()).isEqualTo(new UpdateRef(0, 19));
        assertThat(update.from().userId()).isEqualTo(42);
        assertThat(update.text()).isEqualTo("+380441234567");
    }

    @Test
    void aRecordInTheClearIsRefusedBecauseOnlyTheIngressMayPublishUpdates() {
        String fromAdmin = TelegramUpdates.message(22, TestRules.ADMIN, "/grant 42 1000");

        for (String clear : new String[] {fromAdmin, "", "{not json", "null", "[1]"}) {
            assertThatThrownBy(() -> parser.parse(clear)).isInstanceOf(InvalidUpdateException.class)
                    .hasMessage("not sealed: only the ingress may publish updates");
        }
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

        IncomingUpdate update = incomingRecord(record);

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
        assertThatThrownBy(() -> parser.readOpened(TelegramUpdates.message(1L << 32, 42, "/help")))
                .isInstanceOf(InvalidUpdateException.class).hasMessageContaining("not a 32-bit id");
    }

    // --- updates the bot does not act on for a user -------------------------------------------------------------

    @Test
    void anEditedMessageIsIgnoredSoAnEditedCommandIsNotRunAgain() {
        String edited = TelegramUpdates.message(30, 42, "/start").replace("\"message\"", "\"edited_message\"");

        assertThat(parser.readOpened(edited)).isEqualTo(
                new IgnoredUpdate(new UpdateRef(0, 30), "edited_message", IgnoredUpdate.Reason.NOT_USED));
    }

    @Test
    void anUpdateTypeTelegramMayAddIsIgnoredAndCountedAsUnknownWhateverItIsCalled() {
        IgnoredUpdate ignored = (IgnoredUpdate) parser.readOpened("{\"update_id\":31,\"x" + "\\u202E".repeat(50) + "\":{\"a\":[1]}}");

        assertThat(ignored.type()).isEqualTo(IgnoredUpdate.UNKNOWN_TYPE);
        assertThat(ignored.reason()).isEqualTo(IgnoredUpdate.Reason.NOT_USED);
        assertThat(ignored.expectedKey()).isNull();
    }

    @Test
    void aPreCheckoutQueryIsReadWithItsPayloadAndKeyedByThePayer() {
        String query = TelegramUpdates.ofType(32, "pre_checkout_query", Map.of("id", "q1",
                "from", Map.of("id", 42, "is_bot", false, "first_name", "Ada"),
                "currency", "XTR", "total_amount", 50, "invoice_payload", "v1.x"));

        PreCheckoutQuery read = (PreCheckoutQuery) parser.readOpened(query);

        assertThat(read.queryId()).isEqualTo("q1");
        assertThat(read.totalAmount()).isEqualTo(50);
        assertThat(read.payload()).isEqualTo("v1.x");
        assertThat(read.expectedKey()).isEqualTo("42");
    }

    @Test
    void aPreCheckoutQueryWithoutItsPayloadIsBroken() {
        String query = TelegramUpdates.ofType(33, "pre_checkout_query", Map.of("id", "q1",
                "from", Map.of("id", 42, "is_bot", false, "first_name", "Ada"),
                "currency", "XTR", "total_amount", 50));

        assertThatThrownBy(() -> parser.readOpened(query)).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("invoice_payload");
    }

    // --- groups and channels ----------------------------------------------------------------------------------

    @Test
    void aPersonsTextInAGroupIsAGroupUpdateKeyedByTheChat() {
        ParsedUpdate update = parser.readOpened(TelegramUpdates.groupMessage(33, -1_001_234, "supergroup", 42, false, "/browse"));

        assertThat(update).isEqualTo(new GroupUpdate(new UpdateRef(0, 33), -1_001_234, false, null, "en"));
        assertThat(update.expectedKey()).isEqualTo("-1001234");
    }

    @Test
    void aGroupMessageFromABotOrWithoutTextIsIgnored() {
        String anonymousAdmin = TelegramUpdates.groupMessage(34, -1_001_234, "supergroup", 1_087_968_824, true, "/start");
        String joined = TelegramUpdates.groupMessage(35, -1_001_234, "supergroup", 42, false, null);

        assertThat(((IgnoredUpdate) parser.readOpened(anonymousAdmin)).reason()).isEqualTo(IgnoredUpdate.Reason.NOT_A_PERSON);
        assertThat(((IgnoredUpdate) parser.readOpened(joined)).reason()).isEqualTo(IgnoredUpdate.Reason.NOT_TEXT);
    }

    @Test
    void aGroupOrChannelWithAPositiveIdIsNotFromTelegram() {
        String forged = TelegramUpdates.groupMessage(36, 42, "group", 42, false, "/view p1");

        assertThatThrownBy(() -> parser.readOpened(forged)).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("non-negative id");
    }

    @Test
    void aTapOnAButtonInAGroupIsIgnored() {
        String tap = TelegramUpdates.callback(37, 42, 5, "u:p1")
                .replace("\"chat\":{\"id\":42,\"type\":\"private\"", "\"chat\":{\"id\":-100,\"type\":\"group\"");

        assertThat(((IgnoredUpdate) parser.readOpened(tap)).reason()).isEqualTo(IgnoredUpdate.Reason.OTHER_CHAT);
    }

    @Test
    void theBotAddedToAGroupIsAGroupUpdateThatNamesTheBot() {
        assertThat(parser.readOpened(TelegramUpdates.botAddedToGroup(38, -555, 42)))
                .isEqualTo(new GroupUpdate(new UpdateRef(0, 38), -555, true, "contactdesk_bot", "en"));
    }

    // --- membership in the private chat -----------------------------------------------------------------------

    @Test
    void blockingAndUnblockingTheBotAreMembershipUpdatesOfTheUser() {
        MembershipUpdate blocked = (MembershipUpdate) parser.readOpened(TelegramUpdates.myChatMember(39, 42, "member", "kicked"));
        MembershipUpdate back = (MembershipUpdate) parser.readOpened(TelegramUpdates.myChatMember(40, 42, "kicked", "member"));

        assertThat(blocked.blocksBot()).isTrue();
        assertThat(blocked.expectedKey()).isEqualTo("42");
        assertThat(back.unblocksBot()).isTrue();
        assertThat(back.blocksBot()).isFalse();
    }

    @Test
    void aMembershipChangeInSomeoneElsesPrivateChatIsRejected() {
        String forged = TelegramUpdates.myChatMember(41, 42, "member", "kicked").replace("\"chat\":{\"id\":42", "\"chat\":{\"id\":43");

        assertThatThrownBy(() -> parser.readOpened(forged)).hasMessageContaining("not in the sender's private chat");
    }
}
