package io.contactdesk.notifier.broadcast;

import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;

/**
 * Edits an admin's status message through the same Bot API client and flood control as replies, so progress
 * reports count against the admin's chat and the bot-wide limit like any other call.
 */
final class StatusMessage {

    /** Whether the text is now shown, or will never be (so it need not be tried again). */
    enum ShowResult { SHOWN, GIVEN_UP, TRY_LATER }

    private static final Logger log = LoggerFactory.getLogger(StatusMessage.class);
    private static final String EDIT = "editMessageText";
    private static final String NOT_MODIFIED = "message is not modified";

    private final BotApi botApi;
    private final FloodControl flood;

    StatusMessage(BotApi botApi, FloodControl flood) {
        this.botApi = botApi;
        this.flood = flood;
    }

    ShowResult show(long chatId, long messageId, String text) {
        try {
            if (!flood.awaitPermit(chatId, EDIT)) {
                return ShowResult.TRY_LATER;
            }
            botApi.execute(EditMessageText.builder().chatId(Long.toString(chatId)).messageId((int) messageId).text(text).build());
            return ShowResult.SHOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ShowResult.TRY_LATER;
        } catch (FloodControl.FloodWaitTimeoutException e) {
            return ShowResult.TRY_LATER;
        } catch (BotApiException e) {
            return after(e, chatId, messageId);
        } finally {
            flood.callEnded();
        }
    }

    private static ShowResult after(BotApiException failure, long chatId, long messageId) {
        if (failure.origin() == BotApiException.Origin.UNREADABLE_ANSWER
                || failure.errorCode() == 400 && failure.description().contains(NOT_MODIFIED)) {
            return ShowResult.SHOWN;
        }
        boolean refused = failure.origin() == BotApiException.Origin.REJECTED_BEFORE_SENDING
                || failure.origin() == BotApiException.Origin.BOT_API && failure.errorCode() >= 400
                        && failure.errorCode() < 500 && failure.errorCode() != 429;
        // Not ERROR: the notifier's ERROR lines become admin alerts, and this is no outage.
        log.warn("status message {} in chat {}: {}{}", messageId, chatId, failure.getMessage(),
                refused ? " (not tried again for this text)" : " (tried again later)");
        return refused ? ShowResult.GIVEN_UP : ShowResult.TRY_LATER;
    }
}
