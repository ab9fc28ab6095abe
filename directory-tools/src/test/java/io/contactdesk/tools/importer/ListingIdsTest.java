package io.contactdesk.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListingIdsTest {

    @Test
    void theSameContentAlwaysGivesTheSameId() {
        String id = ListingIds.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567");

        assertThat(id).matches("imp-[0-9a-f]{16}");
        assertThat(ListingIds.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567")).isEqualTo(id);
    }

    @Test
    void caseAndSurroundingSpaceDoNotMatter() {
        assertThat(ListingIds.of(" ACME  plumbing ", "plumbing", "berlin ", " +49 30 1234567"))
                .isEqualTo(ListingIds.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567"));
    }

    @Test
    void anyIdentifyingFieldChangesTheId() {
        String id = ListingIds.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567");

        assertThat(ListingIds.of("Acme Plumbing 2", "Plumbing", "Berlin", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(ListingIds.of("Acme Plumbing", "Repairs", "Berlin", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(ListingIds.of("Acme Plumbing", "Plumbing", "Munich", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(ListingIds.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234568")).isNotEqualTo(id);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(ListingIds.of("a|b", "c", "d", "e")).isNotEqualTo(ListingIds.of("a", "b|c", "d", "e"));
    }

    @Test
    void theDescriptionIsNotPartOfTheId() {
        ListingRow row = new ListingRow(2, "Acme Plumbing", "Plumbing", "Berlin", "Pipes fixed fast.", "+49 30 1234567");
        ListingRow edited = new ListingRow(9, "Acme Plumbing", "Plumbing", "Berlin", "Pipes fixed faster.", "+49 30 1234567");

        assertThat(ListingIds.of(edited)).isEqualTo(ListingIds.of(row));
    }
}
