package io.contactdesk.tools.importer;

/** What one CSV row became: a listing to import, or the reason it was skipped. */
public sealed interface RowResult permits ListingRow, RowProblem {

    /** The line of the file where the row starts (1 is the header), as an editor shows it. */
    int line();
}
