package io.contactdesk.notifier.menu;

import io.contactdesk.contracts.commands.BotCommandList;
import io.contactdesk.notifier.alerts.AlertSettings;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;

/**
 * Tells Telegram the bot's commands at start-up ({@code setMyCommands}), so the app shows them in the menu and as
 * you type "/": the users' commands for everyone, and the admins' too in each admin's own chat. Every replica does
 * it; the call is idempotent. It runs beside start-up, never in its way: Telegram away means the menu is set a little
 * later, retried with a growing pause, while replies flow as usual.
 */
@Component
public final class CommandMenuRegistration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandMenuRegistration.class);
    private static final List<Duration> RETRY_PAUSES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5));

    private final BotApi botApi;
    private final Set<Long> admins;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread worker;

    public CommandMenuRegistration(BotApi botApi, AlertSettings alerts) {
        this.botApi = botApi;
        this.admins = alerts.admins();
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::registerWithRetries, "command-menu");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        stopping.countDown();
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void registerWithRetries() {
        for (int attempt = 0; ; attempt++) {
            try {
                register();
                return;
            } catch (BotApiException e) {
                if (!e.isTransient() || attempt >= RETRY_PAUSES.size()) {
                    // WARN, not ERROR: a missing menu is an annoyance, not an incident to page anyone about.
                    log.warn("command menu not registered: {}", e.getMessage());
                    return;
                }
                Duration pause = e.retryAfter().orElse(RETRY_PAUSES.get(attempt));
                log.info("command menu not registered yet ({}); retrying in {}", e.getMessage(), pause);
                try {
                    if (stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The default menu first, in English and in each translated language; then each admin's, skipping an admin Telegram
     * does not know yet (never wrote). An admin's chat gets every language too: Telegram looks for a chat's own list
     * before the default one of the user's language, so an English-only admin list would hide the translated menu.
     */
    void register() throws BotApiException {
        for (String language : languages()) {
            botApi.execute(commands(BotCommandList.USER, new BotCommandScopeDefault(), language));
        }
        for (long admin : admins) {
            try {
                for (String language : languages()) {
                    botApi.execute(commands(BotCommandList.admin(), new BotCommandScopeChat(Long.toString(admin)),
                            language));
                }
            } catch (BotApiException e) {
                if (e.isTransient()) {
                    throw e;
                }
                log.info("admin {} gets the users' command menu for now: {}", admin, e.getMessage());
            }
        }
        log.info("command menu registered in {}: {} commands, {} more for {} admin(s)", languages(),
                BotCommandList.USER.size(), BotCommandList.ADMIN_ONLY.size(), admins.size());
    }

    /** {@code ""} is Telegram's list for every language without its own: English. */
    private static List<String> languages() {
        return Stream.concat(Stream.of(""), BotCommandList.TRANSLATED_LANGUAGES.stream()).toList();
    }

    private static SetMyCommands commands(List<BotCommandList.MenuEntry> entries, BotCommandScope scope,
            String language) {
        return SetMyCommands.builder()
                .commands(entries.stream()
                        .map(entry -> new BotCommand(entry.command(), entry.descriptionIn(language))).toList())
                .scope(scope)
                .languageCode(language.isEmpty() ? null : language)
                .build();
    }
}
