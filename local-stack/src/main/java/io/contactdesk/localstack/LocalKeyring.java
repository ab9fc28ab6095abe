package io.contactdesk.localstack;

import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The contact encryption keyring of a local stack: the one given in {@code CONTACT_ENCRYPTION_KEYS}, or else one
 * generated on first start and kept (owner-readable only) in the data directory, so contacts stay readable across
 * restarts.
 */
final class LocalKeyring {

    static final String FILE = "contact-encryption-keys";
    static final String PAYMENT_PAYLOAD_KEY_FILE = "payment-payload-key";
    static final String OPS_CONSOLE_PASSWORD_FILE = "ops-console-password";
    static final String OPS_CONSOLE_SECRET_FILE = "ops-console-secret";

    private LocalKeyring() {
    }

    static String resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            ContactCipher.fromKeyring(configured);
            return configured.trim();
        }
        return kept(dataDir, FILE, () -> ContactCipher.generateKeyringEntry("local1"));
    }

    /**
     * {@code PAYMENT_PAYLOAD_KEY}: the one given, or one generated on first start and kept beside the keyring, so an
     * invoice sent before a restart can still be paid after it.
     */
    static String paymentPayloadKey(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return kept(dataDir, PAYMENT_PAYLOAD_KEY_FILE, () -> Settings.generateSecretKey(32));
    }

    /**
     * {@code OPS_CONSOLE_PASSWORD}: the one given, or one generated on first start and kept in the data directory,
     * where the banner points (it is never printed).
     */
    static String opsConsolePassword(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return kept(dataDir, OPS_CONSOLE_PASSWORD_FILE, () -> Settings.generateSecretKey(16));
    }

    /** {@code OPS_CONSOLE_SECRET}: the one given, or one generated and kept, so sessions outlive a restart. */
    static String opsConsoleSecret(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return kept(dataDir, OPS_CONSOLE_SECRET_FILE, () -> Settings.generateSecretKey(32));
    }

    private static String kept(Path dataDir, String name, Supplier<String> generate) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            String keyring = generate.get();
            Files.writeString(file, keyring + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays as private as the data directory itself.
            }
            return keyring;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + name + " in " + file, e);
        }
    }
}
