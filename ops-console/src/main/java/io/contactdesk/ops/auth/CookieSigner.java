package io.contactdesk.ops.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie's value: {@code base64url(user).expiryEpochSeconds.base64url(HMAC-SHA256(secret, both))}.
 * Nothing is kept on the server: a cookie is valid when its signature matches and it has not expired.
 */
public final class CookieSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public CookieSigner(String secret, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the signing secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    public String sign(String user, Instant expiry) {
        String payload = ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + expiry.getEpochSecond();
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The user of a valid, unexpired cookie; empty for anything else (tampered, expired, malformed). */
    public Optional<String> verify(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = parts[0] + "." + parts[1];
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            long expiry = Long.parseLong(parts[1]);
            if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
