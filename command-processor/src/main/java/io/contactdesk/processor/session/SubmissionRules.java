package io.contactdesk.processor.session;

import io.contactdesk.contracts.directory.ListingFields;
import java.util.Optional;

/**
 * What a listing's fields must look like (the shared {@link ListingFields}), said the way the bot says it. Each check
 * returns the problem to tell the user, or nothing.
 */
public final class SubmissionRules {

    private SubmissionRules() {
    }

    public static Optional<String> title(String text) {
        return length("The title", text, ListingFields.TITLE_MIN, ListingFields.TITLE_MAX);
    }

    public static Optional<String> city(String text) {
        return length("The city", text, ListingFields.CITY_MIN, ListingFields.CITY_MAX);
    }

    public static Optional<String> description(String text) {
        return length("The description", text, ListingFields.DESCRIPTION_MIN, ListingFields.DESCRIPTION_MAX);
    }

    public static Optional<String> contact(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Please send a contact: a phone number, an e-mail address or a @handle.");
        }
        if (ListingFields.isContact(text.trim())) {
            return Optional.empty();
        }
        return Optional.of("That does not look like a phone number, an e-mail address or a @handle. Please try again.");
    }

    private static Optional<String> length(String what, String text, int min, int max) {
        int length = ListingFields.length(text);
        if (length < min) {
            return Optional.of(what + " needs at least " + min + " characters.");
        }
        if (length > max) {
            return Optional.of(what + " can have at most " + max + " characters (this one has " + length + ").");
        }
        return Optional.empty();
    }
}
