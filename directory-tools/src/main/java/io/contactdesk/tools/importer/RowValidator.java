package io.contactdesk.tools.importer;

import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.contracts.directory.ListingFields;
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
        String cleanTitle = ListingFields.clean(title, false);
        String cleanCategory = ListingFields.clean(category, false);
        String cleanCity = ListingFields.clean(city, false);
        String cleanDescription = ListingFields.clean(description, true);
        String cleanContact = ListingFields.clean(contact, false);

        Optional<String> problem = length("title", cleanTitle, ListingFields.TITLE_MIN, ListingFields.TITLE_MAX)
                .or(() -> categories.find(cleanCategory).isPresent() ? Optional.empty()
                        : Optional.of("category \"" + cleanCategory + "\" is not one of " + String.join(", ", categories.names())))
                .or(() -> length("city", cleanCity, ListingFields.CITY_MIN, ListingFields.CITY_MAX))
                .or(() -> length("description", cleanDescription, ListingFields.DESCRIPTION_MIN, ListingFields.DESCRIPTION_MAX))
                .or(() -> cleanContact.isEmpty() ? Optional.of("contact is empty: it must be " + ListingFields.CONTACT_KINDS)
                        : ListingFields.isContact(cleanContact) ? Optional.empty()
                        : Optional.of("contact is not " + ListingFields.CONTACT_KINDS));
        if (problem.isPresent()) {
            return new RowProblem(line, problem.get());
        }
        return new ListingRow(line, cleanTitle, categories.find(cleanCategory).orElseThrow(), cleanCity,
                cleanDescription, cleanContact);
    }

    private static Optional<String> length(String field, String value, int min, int max) {
        int length = ListingFields.length(value);
        if (length >= min && length <= max) {
            return Optional.empty();
        }
        return Optional.of(field + (length == 0 ? " is empty" : " has " + length + " characters")
                + ": it must have " + min + "-" + max);
    }
}
