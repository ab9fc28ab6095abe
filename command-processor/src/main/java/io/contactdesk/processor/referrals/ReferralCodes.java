package io.contactdesk.processor.referrals;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each user's referral code and link ({@code https://t.me/<bot>?start=ref_<code>}). The code is the user id and a
 * check block of zeros, enciphered as one AES block under a key derived from {@value #KEY_VARIABLE}: the processor can
 * read the referrer back from the code alone (no lookup table to keep), a reader of the link cannot see the id, and a
 * made-up code deciphers to a check block that is not zero, 2^-64 odds of passing. One block of a unique plaintext is
 * a pseudo-random permutation of it, so no mode or IV is needed, and the same user always gets the same link.
 *
 * <p>The key is derived (HMAC-SHA256 of a fixed label) rather than used as is, so the invoice MAC and the referral
 * cipher never share a key; changing {@value #KEY_VARIABLE} changes every referral link.
 */
public final class ReferralCodes {

    public static final String KEY_VARIABLE = "PAYMENT_PAYLOAD_KEY";
    public static final String BOT_VARIABLE = "BOT_USERNAME";
    /** What precedes the code in the {@code /start} payload. */
    public static final String PREFIX = "ref_";
    /** Telegram's limit for a {@code start} parameter, of characters {@code A-Za-z0-9_-}. */
    public static final int MAX_START_PARAMETER = 64;
    private static final int MIN_KEY_BYTES = 32;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String CIPHER = "AES/ECB/NoPadding";

    private final SecretKeySpec key;
    private final String botUsername;

    private ReferralCodes(byte[] key, String botUsername) {
        this.key = new SecretKeySpec(key, "AES");
        this.botUsername = botUsername;
    }

    /**
     * @throws InvalidSettingException naming {@value #BOT_VARIABLE} or {@value #KEY_VARIABLE}, never the key's value
     */
    public static ReferralCodes fromSettings(String botUsername, String secret) {
        String username = Settings.required(BOT_VARIABLE, botUsername, "the bot's @username, without the @");
        String bare = username.startsWith("@") ? username.substring(1) : username;
        if (!USERNAME.matcher(bare).matches()) {
            throw new InvalidSettingException(BOT_VARIABLE, "must be a Telegram username (5 to 32 letters, digits "
                    + "or _, starting with a letter)");
        }
        byte[] master = Settings.secretKey(KEY_VARIABLE, secret, MIN_KEY_BYTES,
                "the secret that signs invoice payloads and enciphers referral codes");
        return new ReferralCodes(Arrays.copyOf(hmac(master, "contactdesk referral code v1"), 16), bare);
    }

    public String code(long userId) {
        byte[] block = ByteBuffer.allocate(16).putLong(userId).putLong(0L).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(run(Cipher.ENCRYPT_MODE, block));
    }

    /** The {@code /start} parameter of the user's link: within Telegram's 64 characters of {@code A-Za-z0-9_-}. */
    public String startParameter(long userId) {
        return PREFIX + code(userId);
    }

    public String link(long userId) {
        return "https://t.me/" + botUsername + "?start=" + startParameter(userId);
    }

    /** The referrer a {@code /start} parameter names, empty when it is no referral code of ours. */
    public OptionalLong referrer(String startParameter) {
        if (startParameter == null || !startParameter.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String code = startParameter.substring(PREFIX.length());
        if (!CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(code);
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        ByteBuffer block = ByteBuffer.wrap(run(Cipher.DECRYPT_MODE, bytes));
        long userId = block.getLong();
        byte[] check = new byte[8];
        block.get(check);
        return MessageDigest.isEqual(check, new byte[8]) && userId > 0 ? OptionalLong.of(userId)
                : OptionalLong.empty();
    }

    private byte[] run(int mode, byte[] block) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key);
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ReferralCodes[@" + botUsername + "]";
    }
}
