package io.contactdesk.notifier.delivery;

import io.contactdesk.notifier.telegram.BotApiException;

/** What a failed Bot API call means for the outbox record that asked for it. */
enum FailureKind {

    /**
     * The call had its effect after all (e.g. an edit to the text the message already shows), or can have none and
     * needs none (a callback query answered already).
     */
    DELIVERED,
    /** 429: Telegram says exactly when to call again ({@code retry_after}). */
    FLOOD_WAIT,
    /** Telegram unreachable, timed out or failing (5xx): the same call may well succeed later. */
    TRANSIENT,
    /** Telegram refused this call (400, 403 blocked by the user…): repeating it cannot help. */
    PERMANENT;

    private static final String NOT_MODIFIED = "message is not modified";
    private static final String BLOCKED = "bot was blocked by the user";
    private static final String QUERY_TOO_OLD = "query is too old";

    /**
     * Telegram's 403 for a user who blocked the bot. Only private chats (positive ids) are users: a 403 in a group
     * means the bot was removed, which the processor does not track per user.
     */
    static boolean blockedByUser(BotApiException failure, long chatId) {
        return chatId > 0 && failure.origin() == BotApiException.Origin.BOT_API && failure.errorCode() == 403
                && failure.description().contains(BLOCKED);
    }

    static FailureKind of(BotApiException failure) {
        return switch (failure.origin()) {
            case TRANSPORT -> TRANSIENT;
            // Telegram answered but telegrambots could not read the result: the call most likely succeeded,
            // and repeating it would show the user the same message twice.
            case UNREADABLE_ANSWER -> DELIVERED;
            case REJECTED_BEFORE_SENDING -> PERMANENT;
            case BOT_API -> ofErrorCode(failure.errorCode(), failure.description());
        };
    }

    private static FailureKind ofErrorCode(int code, String description) {
        if (code == 429) {
            return FLOOD_WAIT;
        }
        if (code >= 500) {
            return TRANSIENT;
        }
        if (code == 400 && description.contains(NOT_MODIFIED)) {
            return DELIVERED;
        }
        // answerCallbackQuery on a query already answered (a repeat of a call whose answer was lost on the way: the
        // 30-minute chaos run of 2026-12-06 dead-lettered four such) or past its time: Telegram says the same for both,
        // and in both the user's button has stopped spinning. Nothing is left to do, and nothing to set aside.
        if (code == 400 && description.contains(QUERY_TOO_OLD)) {
            return DELIVERED;
        }
        return PERMANENT;
    }
}
