package io.contactdesk.tools.importer;

import io.contactdesk.contracts.directory.Categories;
import java.util.Optional;

/**
 * The rules a listing must meet to enter the directory, the same bounds the bot applies to submissions. Reasons never
 * quote the contact: it is personal data, and stderr ends up in terminals and CI logs.
 */
public final class RowValidator {

    private final Categories categories;

    public RowValidator(Categories categories) {
        this.categories = categories;
    }

    public RowResult validate(int line, String title, String category, String city, String description, String contact) {
        String cleanTitle = TextCleaner.clean(title, false);
        String cleanCategory = TextCleaner.clean(category, false);
        String cleanCity = TextCleaner.clean(city, false);
        String cleanDescription = TextCleaner.clean(description, true);
        String cleanContact = TextCleaner.clean(contact, false);

        Optional<String> problem = length("title", cleanTitle, 3, 80)
                .or(() -> categories.find(cleanCategory).isPresent() ? Optional.empty()
                        : Optional.of("category \"" + cleanCategory + "\" is not one of " + String.join(", ", categories.names())))
                .or(() -> length("city", cleanCity, 2, 60))
                .or(() -> length("description", cleanDescription, 10, 1000))
                .or(() -> cleanContact.isEmpty() ? Optional.of("contact is empty: it must be " + ContactFormat.EXPECTED)
                        : ContactFormat.isValid(cleanContact) ? Optional.empty()
                        : Optional.of("contact is not " + ContactFormat.EXPECTED));
        if (problem.isPresent()) {
            return new RowProblem(line, problem.get());
        }
        return new ListingRow(line, cleanTitle, categories.find(cleanCategory).orElseThrow(), cleanCity,
                cleanDescription, cleanContact);
    }

    private static Optional<String> length(String field, String value, int min, int max) {
        // Code points, so an emoji or a non-Latin letter counts as the one character a reader sees.
        int length = value.codePointCount(0, value.length());
        if (length >= min && length <= max) {
            return Optional.empty();
        }
        return Optional.of(field + (length == 0 ? " is empty" : " has " + length + " characters")
                + ": it must have " + min + "-" + max);
    }
}
