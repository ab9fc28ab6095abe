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

        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).getScope()).isInstanceOf(BotCommandScopeDefault.class);
        assertThat(names(calls.get(0))).contains("browse", "balance", "help").doesNotContain("grant", "ban");
        assertThat(calls.subList(1, 3)).allSatisfy(call -> {
            assertThat(call.getScope()).isInstanceOf(BotCommandScopeChat.class);
            assertThat(names(call)).contains("browse", "grant", "ban", "stats");
        });
        assertThat(calls.subList(1, 3)).extracting(call -> ((BotCommandScopeChat) call.getScope()).getChatId())
                .containsExactlyInAnyOrder("42", "43");
    }

    @Test
    void everyEntryIsACommandTelegramAccepts() {
        assertThat(BotCommandList.admin()).allSatisfy(entry -> {
            assertThat(entry.command()).matches("[a-z0-9_]{1,32}");
            assertThat(entry.description().length()).isBetween(1, 256);
        });
    }

    @Test
    void anAdminTelegramDoesNotKnowYetIsSkippedAndTheOthersStillGetTheirMenu() throws Exception {
        registration("42,43", call -> call.getScope() instanceof BotCommandScopeChat chat && chat.getChatId().equals("42")
                ? BotApiException.answered(400, "Bad Request: chat not found", null) : null).register();

        assertThat(calls).hasSize(3);
    }

    @Test
    void telegramFailingIsPassedOnSoThatTheRegistrationIsTriedAgain() {
        CommandMenuRegistration failing = registration("", call -> BotApiException.answered(502, "Bad Gateway", null));

        assertThatThrownBy(failing::register).isInstanceOf(BotApiException.class);
    }
}
