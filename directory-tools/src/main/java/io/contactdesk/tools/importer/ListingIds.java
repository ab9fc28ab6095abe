package io.contactdesk.tools.importer;

import io.contactdesk.contracts.directory.ListingFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The id of an imported listing, derived from what identifies it (title, category, city, contact) so that importing
 * the same file twice, or an overlapping one, yields the same keys on the compacted topic instead of duplicates.
 * The description is left out on purpose: fixing a typo in it updates the listing rather than adding another.
 */
public final class ListingIds {

    public static final String PREFIX = "imp-";
    // Cleaned fields hold no control characters, so this separator cannot occur inside one: "a|b"+"c" ≠ "a"+"b|c".
    private static final char SEPARATOR = '\u001f';

    private ListingIds() {
    }

    public static String of(ListingRow row) {
        return of(row.title(), row.category(), row.city(), row.contact());
    }

    public static String of(String title, String category, String city, String contact) {
        String content = normalise(title) + SEPARATOR + normalise(category) + SEPARATOR + normalise(city)
                + SEPARATOR + normalise(contact);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Case and spacing do not make a different listing: "Acme  Plumbing " is "acme plumbing". */
    static String normalise(String value) {
        return ListingFields.clean(value, false).toLowerCase(Locale.ROOT);
    }
}
