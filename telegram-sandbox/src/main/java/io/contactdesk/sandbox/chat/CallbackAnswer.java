package io.contactdesk.sandbox.chat;

/** What the bot answered to one callback query (text may be null: a silent answer). */
public record CallbackAnswer(String callbackQueryId, String text, boolean showAlert) {
}
