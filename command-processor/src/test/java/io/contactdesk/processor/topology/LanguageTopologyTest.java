package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.botAddedToGroup;
import static io.contactdesk.processor.TelegramUpdates.callback;
import static io.contactdesk.processor.TelegramUpdates.groupMessage;
import static io.contactdesk.processor.TelegramUpdates.message;
import static io.contactdesk.processor.TelegramUpdates.preCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot answers in the user's language: their Telegram client's, or the one they chose with /language. */
class LanguageTopologyTest {

    @TempDir(factory = InMemoryStateDirectory.class)
    Path stateDir;

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ANA = 51;
    private static final long DIETER = 52;

    private DriverUnderTest topology;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, OutboxMessage> priority;
    private long nextUpdateId = 1;
    private Instant clock = T0;

    @BeforeEach
    void startTopology() {
        topology = new DriverUnderTest("language-topology-test", stateDir, T0);
        outbox = topology.output(Topics.OUTBOX);
        priority = topology.output(Topics.OUTBOX_PRIORITY);
    }

    @AfterEach
    void stopTopology() {
        topology.close();
    }

    private String say(long user, String languageCode, String text) {
        List<OutboxMessage> replies = sayAll(user, languageCode, text);
        assertThat(replies).hasSize(1);
        return text(replies.get(0));
    }

    private List<OutboxMessage> sayAll(long user, String languageCode, String text) {
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(user), message(nextUpdateId++, user, languageCode, text), clock);
        return outbox.readValuesToList();
    }

    private List<OutboxMessage> tap(long user, long messageId, String data) {
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(user), callback(nextUpdateId++, user, messageId, data), clock);
        return outbox.readValuesToList();
    }

    /** {@code author} submits a listing and confirms it; returns what the bot sends to the admins. */
    private List<OutboxMessage> submitted(long author) {
        sayAll(author, "de", "/submit");
        sayAll(author, "de", "Reliable plumber");
        sayAll(author, "de", "plumbing");
        sayAll(author, "de", "Lisbon");
        sayAll(author, "de", "Fixes leaks and boilers, 24/7.");
        OutboxMessage summary = sayAll(author, "de", "+351 912 345 678").get(0);
        return tap(author, 800, buttons(summary).get(0).get(1)).stream()
                .filter(message -> message.chatId() != author).toList();
    }

    private String groupNotice(long chatId, String update) {
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(chatId), update, clock);
        List<OutboxMessage> said = outbox.readValuesToList();
        assertThat(said).singleElement().extracting(OutboxMessage::chatId).isEqualTo(chatId);
        return text(said.get(0));
    }

    private static String text(OutboxMessage message) {
        return (String) message.params().get("text");
    }

    /** Each inline button of a message as {text, callback_data}. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> buttons(OutboxMessage message) {
        Map<String, Object> keyboard = Json.mapper().convertValue(message.params().get("reply_markup"), Map.class);
        return ((List<List<Map<String, Object>>>) keyboard.get("inline_keyboard")).stream().flatMap(List::stream)
                .map(button -> List.of((String) button.get("text"), (String) button.get("callback_data"))).toList();
    }

    @Test
    void aSpanishSpeakerIsWelcomedInSpanish() {
        assertThat(say(ANA, "es", "/start")).startsWith("¡Bienvenido, Ada! Tienes <b>").contains("/language — elegir tu idioma");
    }

    @Test
    void aRegionalSpanishGetsSpanishToo() {
        assertThat(say(ANA, "es-MX", "/balance")).startsWith("Tu saldo: <b>");
    }

    @Test
    void aLanguageTheBotDoesNotSpeakGetsEnglish() {
        assertThat(say(DIETER, "de", "/start")).startsWith("Welcome, Ada! You have <b>");
    }

    @Test
    void noLanguageAtAllGetsEnglish() {
        assertThat(say(DIETER, null, "/balance")).startsWith("Your balance: <b>");
    }

    @Test
    void theLanguageChosenWithTheCommandOutlastsTheClients() {
        assertThat(say(DIETER, "de", "/language es")).isEqualTo("A partir de ahora hablo <b>Español</b>.");

        assertThat(say(DIETER, "de", "/balance")).startsWith("Tu saldo: <b>");
    }

    @Test
    void theLanguageCommandAloneListsTheChoicesInTheCurrentLanguage() {
        assertThat(say(ANA, "es", "/language")).startsWith("Tu idioma: <b>Español</b>.")
                .contains("/language en — English", "/language es — Español");
    }

    @Test
    void aSpanishSpeakerIsOfferedCreditsInSpanish() {
        assertThat(say(ANA, "es", "/buy")).startsWith("<b>Compra créditos</b> con Telegram Stars.");
    }

    @Test
    void theLanguageCommandOffersOneButtonPerLanguageInItsOwnNameTheCurrentOneTicked() {
        OutboxMessage choice = sayAll(ANA, "es", "/language").get(0);

        assertThat(buttons(choice)).containsExactly(List.of("English", "lang:en"), List.of("\u2713 Español", "lang:es"));
    }

    @Test
    void everyLanguageButtonsDataFitsTelegramsSixtyFourBytes() {
        OutboxMessage choice = sayAll(DIETER, "de", "/language").get(0);

        assertThat(buttons(choice)).allSatisfy(button ->
                assertThat(button.get(1).getBytes(StandardCharsets.UTF_8).length).isBetween(1, 64));
    }

    @Test
    void aLanguageButtonSwitchesAnswersTheTapAndConfirmsInTheNewLanguage() {
        sayAll(DIETER, "de", "/language");

        List<OutboxMessage> said = tap(DIETER, 700, "lang:es");

        assertThat(said).extracting(OutboxMessage::method)
                .containsExactly(OutboxMessage.ANSWER_CALLBACK_QUERY, OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(text(said.get(1))).isEqualTo("A partir de ahora hablo <b>Español</b>.");
        assertThat(said.get(1).params()).doesNotContainKey("reply_markup");
        assertThat(say(DIETER, "de", "/balance")).startsWith("Tu saldo: <b>");
    }

    @Test
    void aButtonForALanguageTheBotDoesNotSpeakIsAnsweredAndChangesNothing() {
        sayAll(DIETER, "de", "/start");

        List<OutboxMessage> said = tap(DIETER, 700, "lang:de");

        assertThat(said).singleElement().satisfies(answer -> {
            assertThat(answer.method()).isEqualTo(OutboxMessage.ANSWER_CALLBACK_QUERY);
            assertThat(text(answer)).isEqualTo("This button is no longer active.");
        });
        assertThat(say(DIETER, "de", "/balance")).startsWith("Your balance: <b>");
    }

    @Test
    void aSpanishSpeakerReadsThePrivacyTermsAndPaymentSupportInSpanish() {
        assertThat(say(ANA, "es", "/privacy")).startsWith("<b>Qué guarda este bot sobre ti</b>");
        assertThat(say(ANA, "es", "/terms")).startsWith("<b>Condiciones</b>");
        assertThat(say(ANA, "es", "/paysupport")).startsWith("<b>Ayuda con los pagos</b>");
    }

    @Test
    void aSpanishSpeakersInvoiceThatIsNotOursIsRefusedInSpanish() {
        sayAll(ANA, "es", "/start");
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(ANA), preCheckout(nextUpdateId++, ANA, "q1", 50, "v1.10.50.forged"),
                clock);

        assertThat(priority.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.params()).containsEntry("ok", false);
            assertThat(answer.params()).containsEntry("error_message",
                    "Esta factura no es válida. Envía /buy para obtener una nueva.");
        });
    }

    @Test
    void theSubmitConversationAndItsChecksSpeakSpanish() {
        assertThat(say(ANA, "es", "/submit")).startsWith("<b>Publicar un anuncio</b>.")
                .contains("Paso 1/5 — el <b>título</b> (de 3 a 80 caracteres)");

        assertThat(say(ANA, "es", "ab")).isEqualTo("El título necesita al menos 3 caracteres.");
    }

    @Test
    void anAdminIsAnsweredInTheirOwnLanguageFromTheTargetUsersTask() {
        sayAll(ANA, "es", "/start");
        sayAll(DIETER, "de", "/start");
        sayAll(TestRules.ADMIN, "es", "/start");

        List<OutboxMessage> said = sayAll(TestRules.ADMIN, "es", "/grant " + DIETER + " 5");

        assertThat(said).filteredOn(message -> message.chatId() == TestRules.ADMIN).singleElement()
                .satisfies(message -> assertThat(text(message)).isEqualTo("Se dieron 5 créditos a 52. Saldo: 8 créditos."));
        assertThat(said).filteredOn(message -> message.chatId() == DIETER).singleElement()
                .satisfies(message -> assertThat(text(message)).startsWith("🎁 You received <b>5 credits</b>."));
    }

    @Test
    void aSpanishSpeakingAdminReviewsASubmissionOnASpanishCard() {
        sayAll(TestRules.ADMIN, "es", "/start");
        sayAll(TestRules.OTHER_ADMIN, "en", "/start");
        sayAll(DIETER, "de", "/start");

        List<OutboxMessage> cards = submitted(DIETER);

        assertThat(cards).extracting(OutboxMessage::chatId).containsExactly(TestRules.ADMIN, TestRules.OTHER_ADMIN);
        assertThat(text(cards.get(0))).startsWith("<b>Nuevo anuncio para revisar</b> de @ada (52)")
                .contains("Contacto: " + OutboxMessage.CONTACT_PLACEHOLDER);
        assertThat(buttons(cards.get(0))).extracting(button -> button.get(0)).containsExactly("✅ Aprobar", "❌ Rechazar");
        assertThat(text(cards.get(1))).startsWith("<b>New listing to review</b> from @ada (52)");
        assertThat(cards).allSatisfy(card -> assertThat(card.revealsContact()).isTrue());
    }

    @Test
    void anAdminWhoNeverStartedTheBotReviewsOnAnEnglishCard() {
        sayAll(TestRules.OTHER_ADMIN, "es", "/start");
        sayAll(DIETER, "de", "/start");

        List<OutboxMessage> cards = submitted(DIETER);

        assertThat(cards).filteredOn(card -> card.chatId() == TestRules.ADMIN).singleElement()
                .satisfies(card -> assertThat(text(card)).startsWith("<b>New listing to review</b>"));
    }

    @Test
    void aGroupIsToldInTheLanguageOfWhoeverWroteThere() {
        assertThat(groupNotice(-100, groupMessage(nextUpdateId++, -100, ANA, "es-MX", "/start")))
                .isEqualTo("¡Hola! Solo funciono en chats privados, así que háblame allí: abre un chat privado conmigo"
                        + " y envía /start. No responderé en este grupo.");
    }

    @Test
    void aGroupIsToldInEnglishWhenItsWriterSpeaksALanguageTheBotDoesNot() {
        assertThat(groupNotice(-101, groupMessage(nextUpdateId++, -101, DIETER, "de", "hallo")))
                .startsWith("Hi! I only work in private chats");
    }

    @Test
    void aSpanishSpeakerAddingTheBotToAGroupIsToldWhereToFindItInSpanish() {
        assertThat(groupNotice(-102, botAddedToGroup(nextUpdateId++, -102, ANA, "es")))
                .contains("escríbeme a @contactdesk_bot");
    }
}
