package io.contactdesk.localstack;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the local stack is laid out on this machine, from the environment.
 *
 * @param telegramToken a real bot token: then no sandbox runs and the services talk to {@code telegramApiUrl}
 * @param externalKafka bootstrap servers of a broker someone else runs (tests use it for Testcontainers' Kafka);
 *     null starts the embedded KRaft broker
 * @param contactEncryptionKeys the keyring to use; null generates one in the data directory on first start
 * @param logDetail how much of the log reaches the console ({@code LOCAL_STACK_LOG})
 * @param webhook the ingress in webhook mode ({@code TELEGRAM_WEBHOOK_URL}), or null: it polls
 */
public record LocalStackSettings(
        int sandboxPort,
        int kafkaPort,
        int postgresPort,
        Path dataDir,
        String telegramToken,
        String telegramApiUrl,
        String adminUserIds,
        String externalKafka,
        int firstServicePort,
        String contactEncryptionKeys,
        LogDetail logDetail,
        Webhook webhook) {

    /**
     * Webhook mode for the stack's ingress: Telegram (or the sandbox) posts updates to {@code url}, which must reach
     * {@code port} of this machine (the sandbox calls it directly; real Telegram through a reverse proxy).
     *
     * @param secret the {@code X-Telegram-Bot-Api-Secret-Token}; never printed
     */
    public record Webhook(String url, String secret, int port) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=***, port=" + port + "]";
        }
    }

    public static final String SANDBOX_TOKEN = "100000001:local-sandbox-token";
    public static final String DATABASE = "contactdesk";

    /** A stack with the quiet console, as tests start it. */
    public LocalStackSettings(int sandboxPort, int kafkaPort, int postgresPort, Path dataDir, String telegramToken,
            String telegramApiUrl, String adminUserIds, String externalKafka, int firstServicePort,
            String contactEncryptionKeys) {
        this(sandboxPort, kafkaPort, postgresPort, dataDir, telegramToken, telegramApiUrl, adminUserIds, externalKafka,
                firstServicePort, contactEncryptionKeys, LogDetail.QUIET, null);
    }

    /** The same stack with its ingress in webhook mode. */
    public LocalStackSettings withWebhook(Webhook webhook) {
        return new LocalStackSettings(sandboxPort, kafkaPort, postgresPort, dataDir, telegramToken, telegramApiUrl,
                adminUserIds, externalKafka, firstServicePort, contactEncryptionKeys, logDetail, webhook);
    }

    public static LocalStackSettings fromEnvironment(Map<String, String> env) {
        String token = blankToNull(env.get("TELEGRAM_TOKEN"));
        return new LocalStackSettings(
                port(env, "SANDBOX_PORT", 8081),
                port(env, "KAFKA_PORT", 9092),
                port(env, "POSTGRES_PORT", 5433),
                Path.of(env.getOrDefault("LOCAL_STACK_DATA_DIR", "./.local-stack")).toAbsolutePath().normalize(),
                token,
                token == null ? null : env.getOrDefault("TELEGRAM_API_URL", "https://api.telegram.org"),
                env.getOrDefault("ADMIN_USER_IDS", ""),
                null,
                port(env, "SERVICES_FIRST_PORT", 8091),
                blankToNull(env.get("CONTACT_ENCRYPTION_KEYS")),
                LogDetail.parse(env.get("LOCAL_STACK_LOG")),
                webhook(env, token == null));
    }

    /**
     * Webhook mode when {@code TELEGRAM_WEBHOOK_URL} is set. With the sandbox, the secret may be left out (one is made
     * for the run: only the sandbox needs it) and the ingress listens on the URL's own port; with a real token the
     * secret is required, as in production (the ingress stops its start naming the variable), and {@code WEBHOOK_PORT}
     * (default 8443) is where the reverse proxy forwards to.
     */
    private static Webhook webhook(Map<String, String> env, boolean sandbox) {
        String url = blankToNull(env.get("TELEGRAM_WEBHOOK_URL"));
        if (url == null) {
            return null;
        }
        int urlPort;
        try {
            urlPort = URI.create(url).getPort();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("TELEGRAM_WEBHOOK_URL", "must be a URL, got '" + url + "'");
        }
        String secret = blankToNull(env.get("TELEGRAM_WEBHOOK_SECRET"));
        if (secret == null && sandbox) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        int fallback = sandbox && urlPort > 0 ? urlPort : 8443;
        return new Webhook(url, secret == null ? "" : secret, port(env, "WEBHOOK_PORT", fallback));
    }

    public boolean usesSandbox() {
        return telegramToken == null;
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path streamsDir() {
        return dataDir.resolve("streams");
    }

    @Override
    public String toString() {
        // A real bot token and the keyring are secrets: a record's own toString would print them.
        return "LocalStackSettings[sandboxPort=" + sandboxPort + ", kafkaPort=" + kafkaPort + ", postgresPort="
                + postgresPort + ", dataDir=" + dataDir + ", telegramToken=" + (telegramToken == null ? "none" : "***")
                + ", telegramApiUrl=" + telegramApiUrl + ", adminUserIds=" + adminUserIds + ", externalKafka="
                + externalKafka + ", firstServicePort=" + firstServicePort + ", contactEncryptionKeys="
                + (contactEncryptionKeys == null ? "generated" : "***") + ", logDetail=" + logDetail + ", webhook="
                + (webhook == null ? "none (polling)" : webhook) + "]";
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(variable, "must be a TCP port (0-65535), got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
