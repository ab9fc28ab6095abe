package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot answers in the user's language: their Telegram client's, or the one they chose with /language. */
class LanguageTopologyTest {

    @TempDir
    Path stateDir;

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ANA = 51;
    private static final long DIETER = 52;

    private DriverUnderTest topology;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private long nextUpdateId = 1;
    private Instant clock = T0;

    @BeforeEach
    void startTopology() {
        topology = new DriverUnderTest("language-topology-test", stateDir, T0);
        outbox = topology.output(Topics.OUTBOX);
    }

    @AfterEach
    void stopTopology() {
        topology.close();
    }

    private String say(long user, String languageCode, String text) {
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(user), message(nextUpdateId++, user, languageCode, text), clock);
        List<OutboxMessage> replies = outbox.readValuesToList();
        assertThat(replies).hasSize(1);
        return (String) replies.get(0).params().get("text");
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
}
