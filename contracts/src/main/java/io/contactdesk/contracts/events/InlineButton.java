package io.contactdesk.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Bot API inline keyboard button that answers with {@code callback_data} when tapped. */
public record InlineButton(String text, @JsonProperty("callback_data") String callbackData) {
}
