package io.contactdesk.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Bot API {@code InlineKeyboardMarkup}: rows of buttons under a message. */
public record InlineKeyboard(@JsonProperty("inline_keyboard") List<List<InlineButton>> rows) {

    public static InlineKeyboard of(List<List<InlineButton>> rows) {
        return new InlineKeyboard(List.copyOf(rows));
    }
}
