package io.contactdesk.contracts.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Checks shared by the settings records of every service; each names the environment variable at fault. */
public final class Settings {

    private Settings() {
    }

    public static String required(String variable, String value, String meaning) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(variable, meaning);
        }
        return value.trim();
    }

    public static int positive(String variable, int value) {
        if (value <= 0) {
            throw new InvalidSettingException(variable, "must be a positive number, got " + value);
        }
        return value;
    }

    /** A duration above zero; required. */
    public static Duration positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(property, "must be a positive duration, got " + value);
        }
        return value;
    }

    /** A duration above zero, or {@code fallback} when it is not set. */
    public static Duration positive(String property, Duration value, Duration fallback) {
        return positive(property, value == null ? fallback : value);
    }

    public static int atLeast(String variable, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidSettingException(variable, "must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** A comma-separated list of Telegram user ids, e.g. {@code ADMIN_USER_IDS=42,77}. */
    public static Set<Long> userIds(String variable, String value) {
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        for (String part : value.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            try {
                long parsed = Long.parseLong(id);
                if (parsed <= 0) {
                    throw new NumberFormatException();
                }
                ids.add(parsed);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(variable, "must be comma-separated Telegram user ids, got '" + id + "'");
            }
        }
        return Set.copyOf(ids);
    }

    /** An http(s) base URL such as {@code https://api.telegram.org}. */
    public static URI httpUrl(String variable, String value) {
        String url = required(variable, value, "an http(s) URL");
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not http(s)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(variable, "must be an http(s) URL such as https://api.telegram.org, got '" + url + "'");
        }
    }

    /**
     * A secret key given as base64 of at least {@code minBytes} random bytes ({@code openssl rand -base64 32}). Errors
     * name the variable and never echo its value.
     */
    public static byte[] secretKey(String variable, String value, int minBytes, String meaning) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(variable, meaning + " (base64, at least " + minBytes
                    + " random bytes)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "is not valid base64");
        }
        if (key.length < minBytes) {
            throw new InvalidSettingException(variable, "must hold at least " + minBytes
                    + " random bytes (e.g. openssl rand -base64 " + minBytes + "), got " + key.length);
        }
        return key;
    }

    /** A fresh value for a {@link #secretKey} setting: base64 of {@code bytes} random bytes. */
    public static String generateSecretKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
