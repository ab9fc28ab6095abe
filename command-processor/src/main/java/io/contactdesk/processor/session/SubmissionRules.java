package io.contactdesk.processor.session;

import io.contactdesk.contracts.directory.ListingFields;
import io.contactdesk.processor.language.Texts;
import java.util.Optional;

/**
 * What a listing's fields must look like (the shared {@link ListingFields}), said the way the bot says it, in the
 * user's language. Each check returns the problem to tell the user, or nothing.
 */
public final class SubmissionRules {

    private SubmissionRules() {
    }

    public static Optional<String> title(String text, Texts texts) {
        return length("title", text, ListingFields.TITLE_MIN, ListingFields.TITLE_MAX, texts);
    }

    public static Optional<String> city(String text, Texts texts) {
        return length("city", text, ListingFields.CITY_MIN, ListingFields.CITY_MAX, texts);
    }

    public static Optional<String> description(String text, Texts texts) {
        return length("description", text, ListingFields.DESCRIPTION_MIN, ListingFields.DESCRIPTION_MAX, texts);
    }

    public static Optional<String> contact(String text, Texts texts) {
        if (text == null || text.isBlank()) {
            return Optional.of(texts.get("submit.contact.missing"));
        }
        if (ListingFields.isContact(text.trim())) {
            return Optional.empty();
        }
        return Optional.of(texts.get("submit.contact.invalid"));
    }

    /** {@code field} names the texts {@code submit.<field>.short} and {@code submit.<field>.long}. */
    private static Optional<String> length(String field, String text, int min, int max, Texts texts) {
        int length = ListingFields.length(text);
        if (length < min) {
            return Optional.of(texts.get("submit." + field + ".short", min));
        }
        if (length > max) {
            return Optional.of(texts.get("submit." + field + ".long", max, length));
        }
        return Optional.empty();
    }
}
