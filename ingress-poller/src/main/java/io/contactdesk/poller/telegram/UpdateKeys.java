package io.contactdesk.poller.telegram;

import java.util.Optional;
import java.util.stream.Stream;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The Kafka key of an update, which decides the processor task that owns it. An update that happens in a group,
 * supergroup or channel is keyed by that chat's id, so one task sees everything of one group in order (several
 * members act on the same group state). Any other update is keyed by the user it comes from, so one user's updates
 * stay in order on one partition: in a private chat the chat id is the user id anyway. Updates with neither (polls)
 * are keyed {@code 0}. The processor relies on exactly this: key = user id for private chats, chat id otherwise.
 */
public final class UpdateKeys {

    private UpdateKeys() {
    }

    public static String keyOf(Update update) {
        return chat(update).filter(chat -> !chat.isUserChat()).map(chat -> Long.toString(chat.getId()))
                .or(() -> sender(update).map(user -> Long.toString(user.getId())))
                .or(() -> chat(update).map(chat -> Long.toString(chat.getId())))
                .orElse("0");
    }

    /** The chat the update happens in, if it names one (a callback's message, unless it was sent inline). */
    private static Optional<Chat> chat(Update update) {
        return Stream.of(
                        chatOf(update.getMessage()),
                        chatOf(update.getEditedMessage()),
                        chatOf(update.getChannelPost()),
                        chatOf(update.getEditedChannelPost()),
                        update.getCallbackQuery() == null ? null : chatOf(update.getCallbackQuery().getMessage()),
                        update.getMyChatMember() == null ? null : update.getMyChatMember().getChat(),
                        update.getChatMember() == null ? null : update.getChatMember().getChat(),
                        update.getChatJoinRequest() == null ? null : update.getChatJoinRequest().getChat())
                .filter(chat -> chat != null && chat.getId() != null)
                .findFirst();
    }

    private static Optional<User> sender(Update update) {
        return Stream.of(
                        from(update.getMessage()),
                        from(update.getEditedMessage()),
                        update.getCallbackQuery() == null ? null : update.getCallbackQuery().getFrom(),
                        update.getInlineQuery() == null ? null : update.getInlineQuery().getFrom(),
                        update.getChosenInlineQuery() == null ? null : update.getChosenInlineQuery().getFrom(),
                        update.getPreCheckoutQuery() == null ? null : update.getPreCheckoutQuery().getFrom(),
                        update.getShippingQuery() == null ? null : update.getShippingQuery().getFrom(),
                        update.getMyChatMember() == null ? null : update.getMyChatMember().getFrom(),
                        update.getChatMember() == null ? null : update.getChatMember().getFrom(),
                        update.getChatJoinRequest() == null ? null : update.getChatJoinRequest().getUser(),
                        update.getPollAnswer() == null ? null : update.getPollAnswer().getUser())
                .filter(user -> user != null && user.getId() != null)
                .findFirst();
    }

    private static User from(Message message) {
        return message == null ? null : message.getFrom();
    }

    private static Chat chatOf(MaybeInaccessibleMessage message) {
        return message == null ? null : message.getChat();
    }
}
