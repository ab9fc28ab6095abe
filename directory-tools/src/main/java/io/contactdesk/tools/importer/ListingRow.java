package io.contactdesk.tools.importer;

/**
 * A valid, cleaned row. {@code category} is the configured spelling, whatever case the file used.
 * {@code toString} leaves the contact out, so a row never prints it by accident.
 */
public record ListingRow(int line, String title, String category, String city, String description, String contact)
        implements RowResult {

    @Override
    public String toString() {
        return "ListingRow[line=" + line + ", title=" + title + ", category=" + category + ", city=" + city + "]";
    }
}
