package io.contactdesk.notifier.telegram;

import java.io.Serializable;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;

/** The notifier's one way to call the Bot API. */
public interface BotApi {

    /** Performs one call and returns its result; every failure arrives as a token-free {@link BotApiException}. */
    <T extends Serializable> T execute(BotApiMethod<T> method) throws BotApiException;
}
