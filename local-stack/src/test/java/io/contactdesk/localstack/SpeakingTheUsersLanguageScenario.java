package io.contactdesk.localstack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The user's language through the whole pipeline: the bot answers in the language the user's Telegram app says
 * ({@code from.language_code}), falls back to English for a language it does not speak, and /language overrides both.
 */
abstract class SpeakingTheUsersLanguageScenario {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final long SPANISH_SPEAKER = 4_501;
    private static final long GERMAN_SPEAKER = 4_502;

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
}
