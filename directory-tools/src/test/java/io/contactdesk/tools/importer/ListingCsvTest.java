package io.contactdesk.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.directory.Categories;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingCsvTest {

    private static final String HEADER = "title,category,city,description,contact\n";
    private final ListingCsv csv = new ListingCsv(new RowValidator(Categories.parse(null)));

    @Test
    void aGoodRowIsCleanedAndItsCategorySpelledAsConfigured() throws Exception {
        ListingCsv.Parsed parsed = csv.parse(HEADER
                + "  Acme\u0007 Plumbing ,plumbing, Berlin ,Pipes fixed fast and clean.,+49 (30) 123-4567\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).containsExactly(new ListingRow(2, "Acme Plumbing", "Plumbing", "Berlin",
                "Pipes fixed fast and clean.", "+49 (30) 123-4567"));
    }

    @Test
    void eachKindOfBadRowIsReportedWithItsLineAndSkipped() throws Exception {
        ListingCsv.Parsed parsed = csv.parse(HEADER
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,+49 30 1234567\n"   // 2 good
                + "Ab,Plumbing,Berlin,Pipes fixed fast.,+49 30 1234568\n"              // 3 title too short
                + "Acme Plumbing,Foo,Berlin,Pipes fixed fast.,+49 30 1234569\n"        // 4 unknown category
                + "Acme Plumbing,Plumbing,B,Pipes fixed fast.,+49 30 1234570\n"        // 5 city too short
                + "Acme Plumbing,Plumbing,Berlin,Too short,+49 30 1234571\n"           // 6 description too short
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,12345\n"            // 7 phone with 5 digits
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,@abc\n"             // 8 handle too short
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,not a contact\n"    // 9 nothing of the kind
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.\n"                  // 10 a field missing
                + "\"" + "x".repeat(81) + "\",Plumbing,Berlin,Pipes fixed fast.,a@b.co\n" // 11 title too long
                + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,+49 30 1234567\n"); // 12 same as line 2

        assertThat(parsed.rows()).extracting(ListingRow::line).containsExactly(2);
        assertThat(parsed.problems()).extracting(RowProblem::line).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<String> reasons = parsed.problems().stream().map(RowProblem::toString).toList();
        assertThat(reasons.get(0)).isEqualTo("line 3: title has 2 characters: it must have 3-80");
        assertThat(reasons.get(1)).startsWith("line 4: category \"Foo\" is not one of Plumbing, Electrical,");
        assertThat(reasons.get(2)).isEqualTo("line 5: city has 1 characters: it must have 2-60");
        assertThat(reasons.get(3)).isEqualTo("line 6: description has 9 characters: it must have 10-1000");
        assertThat(reasons.get(4)).startsWith("line 7: contact is not a phone number");
        assertThat(reasons.get(5)).startsWith("line 8: contact is not");
        assertThat(reasons.get(6)).startsWith("line 9: contact is not");
        assertThat(reasons.get(7)).startsWith("line 10: has 4 fields, the header has 5");
        assertThat(reasons.get(8)).isEqualTo("line 11: title has 81 characters: it must have 3-80");
        assertThat(reasons.get(9)).isEqualTo("line 12: duplicates line 2 (same title, category, city and contact)");
    }

    @Test
    void reasonsNeverQuoteTheContact() throws Exception {
        ListingCsv.Parsed parsed = csv.parse(HEADER + "Acme Plumbing,Plumbing,Berlin,Pipes fixed fast.,secret-ish value\n");

        assertThat(parsed.problems()).singleElement().asString().doesNotContain("secret-ish");
    }

    @Test
    void quotedFieldsMayHoldCommasLineBreaksAndDoubledQuotes() throws Exception {
        ListingCsv.Parsed parsed = csv.parse(HEADER
                + "\"Bob's \"\"Fast\"\" Movers, Ltd\",Moving,Hamburg,\"Line one,\r\nline two\nline three\",bob@example.com\n"
                + "Cleaner,Nope,Hamburg,Floors and windows.,@cleaner_hh\n");

        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.title()).isEqualTo("Bob's \"Fast\" Movers, Ltd");
            assertThat(row.description()).isEqualTo("Line one,\nline two\nline three");
            assertThat(row.contact()).isEqualTo("bob@example.com");
        });
        // The multi-line record spans lines 2-4, so the next one starts on line 5.
        assertThat(parsed.problems()).extracting(RowProblem::line).containsExactly(5);
    }

    @Test
    void acceptsEachKindOfContact() throws Exception {
        ListingCsv.Parsed parsed = csv.parse(HEADER
                + "Phone Person,Other,Berlin,Call me any time.,+1 (555) 010-0199\n"
                + "Mail Person,Other,Berlin,Write me any time.,ann.lee@mail.example.org\n"
                + "Handle Person,Other,Berlin,Message me any time.,@handle_5\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(3);
    }

    @Test
    void blankLinesAndAByteOrderMarkAreTolerated() throws Exception {
        ListingCsv.Parsed parsed = csv.parse("\uFEFF" + HEADER + "\nAcme Plumbing,Plumbing,Berlin,Pipes fixed fast.,+49 30 1234567\n\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).extracting(ListingRow::line).containsExactly(3);
    }

    @Test
    void aWrongHeaderRejectsTheWholeFile() {
        assertThatThrownBy(() -> csv.parse("title,category,city,contact\nA,B,C,D\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("line 1: the header must be title,category,city,description,contact");
    }

    @Test
    void brokenQuotingRejectsTheWholeFile() {
        assertThatThrownBy(() -> csv.parse(HEADER + "Acme,Plumbing,Berlin,\"never closed,+49 30 1234567\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageStartingWith("not a valid CSV file");
    }
}
