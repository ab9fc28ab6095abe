package io.contactdesk.sandbox.chat;

/**
 * A message text with its parse mode applied.
 *
 * @param source    as the bot sent it
 * @param parseMode null for plain text
 * @param plain     what the user reads (tags removed, entities decoded)
 */
public record FormattedText(String source, String parseMode, String plain) {
}
