package io.contactdesk.localstack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The user's language through the whole pipeline: the bot answers in the language the user's Telegram app says
 * ({@code from.language_code}), falls back to English for a language it does not speak, and /language overrides both.
 */
abstract class SpeakingTheUsersLanguageScenario {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final long SPANISH_SPEAKER = 4_501;
    private static final long GERMAN_SPEAKER = 4_502;
    private static final long BUTTON_TAPPER = 4_503;

    abstract LocalStack stack();

    @Test
    void aUserIsAnsweredInTheirAppsLanguageOrEnglishAndLanguageChangesIt() {
        SandboxUser spanish = new SandboxUser(stack().telegramApiUrl(), SPANISH_SPEAKER).speaking("es-MX");
        SandboxUser german = new SandboxUser(stack().telegramApiUrl(), GERMAN_SPEAKER).speaking("de");

        spanish.sends("/start");
        german.sends("/start");
        await().atMost(PIPELINE).until(() -> spanish.chat().stream().anyMatch(text -> text.startsWith("¡Bienvenido")));
        await().atMost(PIPELINE).until(() -> german.chat().stream().anyMatch(text -> text.startsWith("Welcome")));

        german.sends("/language es");
        german.sends("/balance");
        await().atMost(PIPELINE).until(() -> german.chat().stream().anyMatch(text -> text.startsWith("Tu saldo")));
    }

    @Test
    void aLanguageButtonSwitchesTheLanguageAndSaysSoInTheNewOne() {
        SandboxUser spanish = new SandboxUser(stack().telegramApiUrl(), BUTTON_TAPPER).speaking("es");

        spanish.sends("/language");
        JsonNode choice = await().atMost(PIPELINE).until(() -> spanish.messages().stream()
                .filter(message -> message.toString().contains("lang:en")).findFirst().orElse(null), Objects::nonNull);
        spanish.presses(choice.path("message_id").asLong(), "lang:en");

        await().atMost(PIPELINE).until(() -> spanish.chat().contains("From now on I speak <b>English</b>."));
        await().atMost(PIPELINE).until(() -> spanish.callbackAnswers().size() == 1);
        spanish.sends("/privacy");
        await().atMost(PIPELINE).until(() -> spanish.chat().stream()
                .anyMatch(text -> text.startsWith("<b>What this bot keeps about you</b>")));
    }
}
