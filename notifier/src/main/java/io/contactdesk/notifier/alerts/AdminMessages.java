package io.contactdesk.notifier.alerts;

import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * Sends an alert text to every admin through the notifier's Bot API client and flood control; without admins it is
 * only logged. Failures are logged at WARN, never ERROR: the notifier's ERROR lines become alerts themselves, and an
 * alert that cannot be delivered must not feed the storm it reports.
 */
final class AdminMessages {

    private static final Logger log = LoggerFactory.getLogger(AdminMessages.class);
    private static final String SEND = "sendMessage";

    private final Set<Long> admins;
    private final BotApi botApi;
    private final FloodControl flood;

    AdminMessages(Set<Long> admins, BotApi botApi, FloodControl flood) {
        this.admins = admins;
        this.botApi = botApi;
        this.flood = flood;
    }

    void send(String html) {
        if (admins.isEmpty()) {
            log.warn("alert (ADMIN_USER_IDS not set, not sent): {}", html);
            return;
        }
        for (long admin : admins) {
            sendTo(admin, html);
        }
    }

    private void sendTo(long admin, String html) {
        SendMessage message = SendMessage.builder().chatId(Long.toString(admin)).text(html).parseMode("HTML").build();
        // One more call after a 429, as Telegram asks: an alert is worth a short wait, not a retry loop.
        for (int call = 1; call <= 2; call++) {
            try {
                if (!flood.awaitPermit(admin, SEND)) {
                    return;
                }
                botApi.execute(message);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (FloodControl.FloodWaitTimeoutException e) {
                log.warn("alert to admin {} not sent: {}", admin, e.getMessage());
                return;
            } catch (BotApiException e) {
                if (e.errorCode() == 429 && e.retryAfter().isPresent() && call == 1) {
                    flood.tooManyRequests(SEND);
                    flood.callEnded();
                    try {
                        Thread.sleep(e.retryAfter().get().toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                log.warn("alert to admin {} not sent: {}", admin, e.getMessage());
                return;
            } finally {
                flood.callEnded();
            }
        }
    }
}
