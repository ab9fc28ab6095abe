package io.contactdesk.contracts.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * "The same problem", as a short stable id: service, logger, the message's template (not its arguments, which vary)
 * and the exception's class. Ten thousand errors of one kind share one fingerprint, so admins get one alert.
 */
public final class AlertFingerprint {

    private AlertFingerprint() {
    }

    public static String of(String service, String logger, String messageTemplate, String exceptionClass) {
        String identity = String.join("\u0000", nullToEmpty(service), nullToEmpty(logger),
                nullToEmpty(messageTemplate).replaceAll("\\d+", "#"), nullToEmpty(exceptionClass));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
