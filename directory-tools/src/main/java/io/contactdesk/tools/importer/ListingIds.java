package io.contactdesk.tools.importer;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.directory.ListingFields;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The id of an imported listing, derived from what identifies it (title, category, city, contact) so that importing
 * the same file twice, or an overlapping one, yields the same keys on the compacted topic instead of duplicates.
 * The description is left out on purpose: fixing a typo in it updates the listing rather than adding another.
 *
 * <p>Ids are public (callback data, {@code /history}) and title, category and city are too, so the id is an
 * HMAC-SHA256 under {@value #VARIABLE}, a secret kept apart from the data: without it, an id confirms no guess at
 * the contact. The first importer used a bare SHA-256 ({@link #legacyOf}, prefix {@value #LEGACY_PREFIX}), which
 * let anyone brute-force a phone number from a listing's public fields in seconds; those ids are only recognised,
 * never made.
 */
public final class ListingIds {

    public static final String VARIABLE = "LISTING_ID_KEY";
    public static final String PREFIX = "imk-";
    public static final String LEGACY_PREFIX = "imp-";
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    // Cleaned fields hold no control characters, so this separator cannot occur inside one: "a|b"+"c" ≠ "a"+"b|c".
    private static final char SEPARATOR = '\u001f';

    private final SecretKeySpec key;

    private ListingIds(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * Reads {@value #VARIABLE}: base64 of at least 32 random bytes ({@code openssl rand -base64 32}). Errors name the
     * variable and never echo its value.
     */
    public static ListingIds fromSetting(String value) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(VARIABLE,
                    "the secret (base64, at least 32 random bytes) that imported listing ids are derived under");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(VARIABLE, "is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new InvalidSettingException(VARIABLE, "must hold at least " + MIN_KEY_BYTES
                    + " random bytes (e.g. openssl rand -base64 32), got " + key.length);
        }
        return new ListingIds(key);
    }

    /** A fresh {@value #VARIABLE} value. */
    public static String generateKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String of(ListingRow row) {
        return of(row.title(), row.category(), row.city(), row.contact());
    }

    public String of(String title, String category, String city, String contact) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(content(title, category, city, contact).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JVM", e);
        }
    }

    /**
     * The id the first importer gave this row (unkeyed SHA-256): only used to find a listing imported before ids were
     * keyed, so re-importing it does not add a duplicate.
     */
    public static String legacyOf(ListingRow row) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    content(row.title(), row.category(), row.city(), row.contact()).getBytes(StandardCharsets.UTF_8));
            return LEGACY_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** What makes two rows the same listing, in memory only (it holds the contact): rows with equal keys share an id. */
    static String sameListingKey(ListingRow row) {
        return content(row.title(), row.category(), row.city(), row.contact());
    }

    private static String content(String title, String category, String city, String contact) {
        return normalise(title) + SEPARATOR + normalise(category) + SEPARATOR + normalise(city) + SEPARATOR
                + normalise(contact);
    }

    /** Case and spacing do not make a different listing: "Acme  Plumbing " is "acme plumbing". */
    static String normalise(String value) {
        return ListingFields.clean(value, false).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ListingIds[" + ALGORITHM + "]";
    }
}
