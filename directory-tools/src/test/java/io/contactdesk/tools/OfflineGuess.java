package io.contactdesk.tools;

import io.contactdesk.contracts.directory.ListingFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an attacker does with a listing's public fields (title, category, city) and its public id: hash each
 * candidate contact the way ids were once derived and keep the candidates whose hash matches the id. Tried with the
 * unkeyed SHA-256 layout the first importer used, and with HMAC under keys an attacker would try first.
 */
public final class OfflineGuess {

    private static final char SEPARATOR = '\u001f';

    private OfflineGuess() {
    }

    /** The candidates the id confirms; empty when the id gives nothing away. */
    public static List<String> confirmed(String id, String title, String category, String city, List<String> candidates) {
        String digits = id.substring(id.indexOf('-') + 1);
        List<Function<byte[], byte[]>> schemes = List.of(OfflineGuess::sha256, content -> hmac(new byte[0], content),
                content -> hmac(new byte[32], content));
        List<String> hits = new ArrayList<>();
        for (String candidate : candidates) {
            byte[] content = (norm(title) + SEPARATOR + norm(category) + SEPARATOR + norm(city) + SEPARATOR + norm(candidate))
                    .getBytes(StandardCharsets.UTF_8);
            for (Function<byte[], byte[]> scheme : schemes) {
                if (HexFormat.of().formatHex(scheme.apply(content), 0, 8).equals(digits)) {
                    hits.add(candidate);
                }
            }
        }
        return hits;
    }

    /** Phone numbers around {@code prefix}: the 10,000 with 4 more digits, as a dictionary attack would enumerate. */
    public static List<String> phoneNumbers(String prefix) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            numbers.add(prefix + String.format(Locale.ROOT, "%04d", i));
        }
        return numbers;
    }

    private static String norm(String value) {
        return ListingFields.clean(value, false).toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
