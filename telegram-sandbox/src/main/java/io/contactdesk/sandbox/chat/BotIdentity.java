package io.contactdesk.sandbox.chat;

/** Who the bot is: its id is the numeric part of the token, as with real Telegram tokens. */
public record BotIdentity(long id, String firstName, String username) {

    public static BotIdentity fromToken(String token, String firstName, String username) {
        int colon = token.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a bot token looks like <bot id>:<secret>");
        }
        try {
            return new BotIdentity(Long.parseLong(token.substring(0, colon)), firstName, username);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bot token starts with the numeric bot id", e);
        }
    }
}
