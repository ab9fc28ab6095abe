package io.contactdesk.sandbox.chat;

import java.util.List;

/**
 * A snapshot of one chat: whether the user blocked the bot (private chats only), what users wrote and what the bot
 * sent (each in message-id order; the two share one message-id sequence).
 */
public record ChatHistory(boolean blocked, List<IncomingMessage> received, List<SentMessage> sent) {
}
