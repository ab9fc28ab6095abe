package io.contactdesk.ops.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CookieSignerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private final CookieSigner signer = new CookieSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validCookieNamesItsUser() {
        assertThat(signer.verify(signer.sign("ops", NOW.plus(Duration.ofHours(1))))).contains("ops");
    }

    @Test
    void expiredCookieIsRefused() {
        String cookie = signer.sign("ops", NOW.plusSeconds(60));
        CookieSigner later = new CookieSigner(SECRET, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        assertThat(later.verify(cookie)).isEmpty();
        assertThat(signer.verify(signer.sign("ops", NOW.minusSeconds(1)))).isEmpty();
    }

    @Test
    void tamperedCookiesAreRefused() {
        String cookie = signer.sign("ops", NOW.plus(Duration.ofHours(1)));
        String[] parts = cookie.split("\\.");

        // a later expiry with the old signature
        assertThat(signer.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2])).isEmpty();
        // another user with the old signature
        assertThat(signer.verify("YWRtaW4." + parts[1] + "." + parts[2])).isEmpty();
        // one character of the signature changed
        char last = parts[2].charAt(parts[2].length() - 2);
        String flipped = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        assertThat(signer.verify(parts[0] + "." + parts[1] + "." + flipped)).isEmpty();
        // no signature, garbage
        assertThat(signer.verify(parts[0] + "." + parts[1] + ".")).isEmpty();
        assertThat(signer.verify(parts[0] + "." + parts[1])).isEmpty();
        assertThat(signer.verify("not a cookie")).isEmpty();
        assertThat(signer.verify("a.b.c")).isEmpty();
        assertThat(signer.verify(null)).isEmpty();
    }

    @Test
    void cookieSignedWithAnotherSecretIsRefused() {
        CookieSigner other = new CookieSigner("another-secret-another-secret-xx", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(signer.verify(other.sign("ops", NOW.plus(Duration.ofHours(1))))).isEmpty();
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> new CookieSigner("short", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordComparison() {
        assertThat(Passwords.matches("s3cret", "s3cret")).isTrue();
        assertThat(Passwords.matches("s3cret", "s3cre")).isFalse();
        assertThat(Passwords.matches("s3cret", null)).isFalse();
    }
}
