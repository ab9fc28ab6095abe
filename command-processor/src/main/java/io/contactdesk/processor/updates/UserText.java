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
}
