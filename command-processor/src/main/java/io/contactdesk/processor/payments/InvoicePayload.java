package io.contactdesk.processor.payments;

import io.contactdesk.contracts.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code payload} of an invoice: what was offered to whom until when, signed, so that a payment can only be for
 * a pack the bot offered that user. Telegram hands it back in {@code pre_checkout_query} and {@code successful_payment}
 * unchanged, but a client can start a payment for any invoice it can build, so nothing in it is believed unsigned.
 *
 * <p>{@code v1.<credits>.<stars>.<user id>.<expires, epoch s>.<nonce>.<mac>}: at most 82 bytes, within Telegram's 128.
 * The nonce is derived from the invoice's cause under the key, so a replayed update sends the very same invoice
 * (exactly-once replays must produce equal events) while two invoices never share one. The MAC is the first 16 bytes
 * of HMAC-SHA256 under {@value #VARIABLE} over everything before it.
 */
public final class InvoicePayload {

    public static final String VARIABLE = "PAYMENT_PAYLOAD_KEY";
    static final int MIN_KEY_BYTES = 32;
    /** Telegram's limit for an invoice payload. */
    public static final int MAX_BYTES = 128;
    /** An invoice left unpaid this long is refused at pre-checkout: prices and packs may have changed meanwhile. */
    public static final Duration VALID_FOR = Duration.ofHours(1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final Pattern FORM = Pattern.compile(
            "v1\\.(\\d{1,7})\\.(\\d{1,5})\\.(\\d{1,19})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{11})\\.([A-Za-z0-9_-]{22})");

    private final SecretKeySpec key;

    private InvoicePayload(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** @throws io.contactdesk.contracts.config.InvalidSettingException naming {@value #VARIABLE}, never its value */
    public static InvoicePayload fromSetting(String value) {
        return new InvoicePayload(Settings.secretKey(VARIABLE, value, MIN_KEY_BYTES,
                "the secret that signs invoice payloads"));
    }

    /** What a valid payload says. */
    public record Claim(CreditPack pack, long userId, Instant expiresAt) {
    }

    /** Why a payload is refused. */
    public enum Refusal { FORGED, EXPIRED, OTHER_USER, WRONG_AMOUNT }

    public String sign(CreditPack pack, long userId, Instant offeredAt, String causeId) {
        Instant expires = offeredAt.plus(VALID_FOR);
        String nonce = base64(mac("nonce\u001f" + causeId), 8);
        String body = "v1." + pack.credits() + "." + pack.stars() + "." + userId + "." + expires.getEpochSecond()
                + "." + nonce;
        return body + "." + base64(mac(body), MAC_BYTES);
    }

    /** The claim of an untampered payload, whatever it claims (see {@link #check} for the rules). */
    public Optional<Claim> read(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(payload);
        if (!m.matches()) {
            return Optional.empty();
        }
        String body = payload.substring(0, payload.lastIndexOf('.'));
        byte[] expected = Arrays.copyOf(mac(body), MAC_BYTES);
        byte[] given = Base64.getUrlDecoder().decode(m.group(6));
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(new CreditPack(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                    Long.parseLong(m.group(3)), Instant.ofEpochSecond(Long.parseLong(m.group(4)))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The rules of a pre-checkout: signed by us, for this user, for exactly the stars it says, in time. Empty = ok.
     */
    public Optional<Refusal> check(String payload, long userId, String currency, long totalAmount, Instant now) {
        Optional<Claim> claim = read(payload);
        if (claim.isEmpty()) {
            return Optional.of(Refusal.FORGED);
        }
        if (claim.get().userId() != userId) {
            return Optional.of(Refusal.OTHER_USER);
        }
        if (!"XTR".equals(currency) || claim.get().pack().stars() != totalAmount) {
            return Optional.of(Refusal.WRONG_AMOUNT);
        }
        if (!now.isBefore(claim.get().expiresAt())) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes, int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, length));
    }
}
