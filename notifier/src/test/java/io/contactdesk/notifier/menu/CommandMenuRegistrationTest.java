package io.contactdesk.notifier.menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.commands.BotCommandList;
import io.contactdesk.notifier.alerts.AlertSettings;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;

class CommandMenuRegistrationTest {

    private final List<SetMyCommands> calls = new ArrayList<>();

    private CommandMenuRegistration registration(String admins, Function<SetMyCommands, BotApiException> answer) {
        BotApi botApi = new BotApi() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends Serializable> T execute(BotApiMethod<T> method) throws BotApiException {
                SetMyCommands call = (SetMyCommands) method;
                calls.add(call);
                BotApiException failure = answer.apply(call);
                if (failure != null) {
                    throw failure;
                }
                return (T) Boolean.TRUE;
            }
        };
        return new CommandMenuRegistration(botApi, new AlertSettings(admins, null, null));
    }

    private static List<String> names(SetMyCommands call) {
        return call.getCommands().stream().map(BotCommand::getCommand).toList();
    }

    @Test
    void everyoneGetsTheUsersCommandsAndEachAdminAlsoTheAdminCommandsInTheirOwnChat() throws Exception {
        registration("42,43", call -> null).register();

        List<SetMyCommands> everyone = calls.stream().filter(call -> call.getScope() instanceof BotCommandScopeDefault).toList();
        List<SetMyCommands> admins = calls.stream().filter(call -> call.getScope() instanceof BotCommandScopeChat).toList();
        assertThat(everyone).isNotEmpty().allSatisfy(call ->
                assertThat(names(call)).contains("browse", "balance", "language", "help").doesNotContain("grant", "ban"));
        assertThat(admins).isNotEmpty().allSatisfy(call ->
                assertThat(names(call)).contains("browse", "grant", "ban", "stats"));
        assertThat(admins).extracting(call -> ((BotCommandScopeChat) call.getScope()).getChatId()).containsOnly("42", "43");
    }

    @Test
    void eachMenuIsSetForAllLanguagesAndAgainInSpanishWithSpanishDescriptions() throws Exception {
        registration("42", call -> null).register();

        assertThat(calls).extracting(call -> call.getScope().getClass().getSimpleName() + "/" + call.getLanguageCode())
                .containsExactly("BotCommandScopeDefault/null", "BotCommandScopeDefault/es",
                        "BotCommandScopeChat/null", "BotCommandScopeChat/es");
        assertThat(descriptionOf(calls.get(0), "balance")).isEqualTo("Your credits");
        assertThat(descriptionOf(calls.get(1), "balance")).isEqualTo("Tus créditos");
        assertThat(descriptionOf(calls.get(3), "grant")).startsWith("Dar créditos");
    }

    @Test
    void everyEntryIsACommandTelegramAcceptsInEveryLanguage() {
        assertThat(BotCommandList.admin()).allSatisfy(entry -> {
            assertThat(entry.command()).matches("[a-z0-9_]{1,32}");
            assertThat(entry.description().length()).isBetween(1, 256);
            assertThat(entry.translations().keySet()).containsExactlyInAnyOrderElementsOf(BotCommandList.TRANSLATED_LANGUAGES);
            assertThat(entry.translations().values()).allSatisfy(text -> assertThat(text.length()).isBetween(1, 256));
        });
        // setMyCommands takes "a two-letter ISO 639-1 language code" (bot-api-10.1.json).
        assertThat(BotCommandList.TRANSLATED_LANGUAGES).allSatisfy(code -> assertThat(code).matches("[a-z]{2}"));
    }

    private static String descriptionOf(SetMyCommands call, String command) {
        return call.getCommands().stream().filter(entry -> entry.getCommand().equals(command)).findFirst()
                .orElseThrow().getDescription();
    }

    @Test
    void anAdminTelegramDoesNotKnowYetIsSkippedAndTheOthersStillGetTheirMenu() throws Exception {
        registration("42,43", call -> call.getScope() instanceof BotCommandScopeChat chat && chat.getChatId().equals("42")
                ? BotApiException.answered(400, "Bad Request: chat not found", null) : null).register();

        assertThat(calls).filteredOn(call -> call.getScope() instanceof BotCommandScopeChat chat
                && chat.getChatId().equals("43")).hasSize(1 + BotCommandList.TRANSLATED_LANGUAGES.size());
    }

    @Test
    void telegramFailingIsPassedOnSoThatTheRegistrationIsTriedAgain() {
        CommandMenuRegistration failing = registration("", call -> BotApiException.answered(502, "Bad Gateway", null));

        assertThatThrownBy(failing::register).isInstanceOf(BotApiException.class);
    }
}
