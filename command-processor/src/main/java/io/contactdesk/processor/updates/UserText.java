package io.contactdesk.processor.updates;

import io.contactdesk.contracts.directory.ListingFields;

/**
 * Text a user typed, made safe to keep and show, by the same rules as every listing field (control and invisible
 * formatting characters removed, whitespace tidied). HTML escaping happens where it is rendered.
 */
public final class UserText {

    private UserText() {
    }

    public static String clean(String text, boolean multiline) {
        return ListingFields.clean(text, multiline);
    }

    /** At most {@code max} UTF-16 units, never cutting an emoji or other astral character in half. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
