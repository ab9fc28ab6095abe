package io.contactdesk.poller.telegram;

import java.util.Optional;
import java.util.stream.Stream;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The Kafka key of an update: the user it comes from, so one user's updates stay in order on one partition. Updates
 * without a person behind them (channel posts, polls) are keyed by their chat, or {@code 0}.
 */
public final class UpdateKeys {

    private UpdateKeys() {
    }

    public static String keyOf(Update update) {
        return sender(update).map(user -> Long.toString(user.getId()))
                .or(() -> chat(update))
                .orElse("0");
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

    private static Optional<String> chat(Update update) {
        Message post = update.getChannelPost() != null ? update.getChannelPost() : update.getEditedChannelPost();
        return post == null || post.getChatId() == null ? Optional.empty() : Optional.of(Long.toString(post.getChatId()));
    }
}
