package io.contactdesk.tools.importer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses an import file: RFC 4180 CSV (quoted fields may hold commas, line breaks and doubled quotes) with the header
 * {@code title,category,city,description,contact}. The whole file is parsed before anything is published, so broken
 * quoting never leaves half a file imported.
 */
public final class ListingCsv {

    public static final List<String> COLUMNS = List.of("title", "category", "city", "description", "contact");

    // DEFAULT is RFC 4180 that also skips blank lines, which spreadsheets like to leave at the end.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(true).get();

    private final RowValidator validator;

    public ListingCsv(RowValidator validator) {
        this.validator = validator;
    }

    /** Valid rows in file order, and the skipped ones with their line and reason. */
    public record Parsed(List<ListingRow> rows, List<RowProblem> problems) {
    }

    public Parsed parse(String text) throws ImportFileException {
        // Spreadsheet exports often start with a byte-order mark, which would otherwise become part of "title".
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LineIndex lines = new LineIndex(content);
        List<ListingRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> firstLineOfListing = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(content), FORMAT)) {
            checkHeader(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                int line = lines.lineOfRecordAt(content, record.getCharacterPosition());
                RowResult result = validate(line, record);
                if (result instanceof ListingRow row) {
                    Integer first = firstLineOfListing.putIfAbsent(ListingIds.sameListingKey(row), line);
                    if (first != null) {
                        result = new RowProblem(line, "duplicates line " + first + " (same title, category, city and contact)");
                    }
                }
                if (result instanceof ListingRow row) {
                    rows.add(row);
                } else {
                    problems.add((RowProblem) result);
                }
            }
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports broken quoting and bad headers this way; its message names the line.
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new ImportFileException("not a valid CSV file: " + cause.getMessage());
        }
        return new Parsed(List.copyOf(rows), List.copyOf(problems));
    }

    private RowResult validate(int line, CSVRecord record) {
        if (record.size() != record.getParser().getHeaderNames().size()) {
            return new RowProblem(line, "has " + record.size() + " fields, the header has "
                    + record.getParser().getHeaderNames().size() + " (is a field with a comma not quoted?)");
        }
        return validator.validate(line, record.get("title"), record.get("category"), record.get("city"),
                record.get("description"), record.get("contact"));
    }

    private static void checkHeader(List<String> header) throws ImportFileException {
        List<String> names = header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = COLUMNS.stream().filter(column -> !names.contains(column)).toList();
        if (!missing.isEmpty() || names.size() != COLUMNS.size()) {
            throw new ImportFileException("line 1: the header must be " + String.join(",", COLUMNS) + ", got "
                    + String.join(",", header));
        }
    }

    /** Maps a character offset to its 1-based line, counting CR LF, LF and lone CR as one break each. */
    static final class LineIndex {
        private final int[] lineStarts;

        LineIndex(String text) {
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The line of the record at {@code offset}; blank lines the parser skipped before it do not count. */
        int lineOfRecordAt(String text, long offset) {
            int start = (int) offset;
            while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                start++;
            }
            return lineAt(start);
        }

        int lineAt(int offset) {
            int found = Arrays.binarySearch(lineStarts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }
}
