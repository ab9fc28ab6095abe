package io.contactdesk.notifier.flood;

import io.contactdesk.contracts.config.DatabaseUrl;
import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Telegram's flood limits as token buckets, and where the buckets live.
 *
 * <p>A bucket of capacity {@code burst} refilled at {@code rate} lets at most {@code burst + rate × t} calls
 * through in any interval {@code t}, and {@code rate} in the long run. Telegram's own limits behave like such
 * buckets; the global one here keeps a small burst, so that calls that leave several notifiers at an even
 * 30/s may reach Telegram unevenly (up to about {@code (30 - burst) / 30} s of jitter) without a 429.
 *
 * @param mode {@code FLOOD_CONTROL}: {@code shared} (buckets in PostgreSQL, one set for all notifiers) or
 *     {@code local} (in memory, for a single notifier without database); blank means {@code shared}, which needs
 *     {@code DATABASE_URL}
 * @param databaseUrl {@code DATABASE_URL}, {@code jdbc:postgresql://…} or {@code postgresql://user:pass@host:port/db}
 * @param globalPerSecond messages per second for the whole bot, all notifiers together
 * @param globalBurst capacity of the bot-wide bucket
 * @param bulkPerSecond messages per second bulk traffic (broadcasts) may take of {@code globalPerSecond}, all
 *     notifiers together; the difference is kept free for replies, which then never queue behind a broadcast.
 *     Unset: {@value #BULK_SHARE_NUMERATOR}/{@value #BULK_SHARE_DENOMINATOR} of {@code globalPerSecond} (28 of 30)
 * @param privateChatPerSecond messages per second to one private chat (chat id ≥ 0)
 * @param privateChatBurst capacity of a private chat's bucket
 * @param groupPerMinute messages per minute to one group or channel (chat id &lt; 0)
 * @param groupBurst capacity of a group's bucket
 * @param maxWait the longest one call waits for its permit before the record is handed back to be retried
 */
@ConfigurationProperties("contactdesk.flood")
public record FloodSettings(String mode, String databaseUrl, double globalPerSecond, int globalBurst,
        Double bulkPerSecond, double privateChatPerSecond, int privateChatBurst, double groupPerMinute, int groupBurst, Duration maxWait) {

    public static final String MODE_VARIABLE = "FLOOD_CONTROL";
    static final int BULK_SHARE_NUMERATOR = 14;
    static final int BULK_SHARE_DENOMINATOR = 15;

    /** Where the buckets live. */
    public enum Mode { SHARED, LOCAL }

    public FloodSettings {
        mode = mode == null || mode.isBlank() ? Mode.SHARED.name() : mode.trim().toUpperCase(Locale.ROOT);
        if (!Mode.SHARED.name().equals(mode) && !Mode.LOCAL.name().equals(mode)) {
            throw new InvalidSettingException(MODE_VARIABLE, "must be shared or local, got '" + mode.toLowerCase(Locale.ROOT) + "'");
        }
        if (Mode.SHARED.name().equals(mode)) {
            if (databaseUrl == null || databaseUrl.isBlank()) {
                throw InvalidSettingException.missing(DatabaseUrl.VARIABLE, "the PostgreSQL database that holds the "
                        + "flood buckets shared by all notifiers (jdbc:postgresql://… or postgresql://user:pass@host/db); "
                        + "a single notifier without database may set " + MODE_VARIABLE + "=local instead");
            }
            DatabaseUrl.parse(databaseUrl);
        }
        positive("contactdesk.flood.global-per-second", globalPerSecond);
        if (bulkPerSecond == null) {
            bulkPerSecond = globalPerSecond * BULK_SHARE_NUMERATOR / BULK_SHARE_DENOMINATOR;
        }
        positive("contactdesk.flood.bulk-per-second", bulkPerSecond);
        if (bulkPerSecond > globalPerSecond) {
            throw new InvalidSettingException("contactdesk.flood.bulk-per-second",
                    "must not exceed contactdesk.flood.global-per-second (" + globalPerSecond + "), got " + bulkPerSecond);
        }
        positive("contactdesk.flood.private-chat-per-second", privateChatPerSecond);
        positive("contactdesk.flood.group-per-minute", groupPerMinute);
        Settings.positive("contactdesk.flood.global-burst", globalBurst);
        Settings.positive("contactdesk.flood.private-chat-burst", privateChatBurst);
        Settings.positive("contactdesk.flood.group-burst", groupBurst);
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new InvalidSettingException("contactdesk.flood.max-wait", "must be a positive duration, got " + maxWait);
        }
    }

    /** Telegram's limits, in memory: for tests and a single notifier. */
    public static FloodSettings local() {
        return new FloodSettings("local", null, 30, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1));
    }

    public Mode backend() {
        return Mode.valueOf(mode);
    }

    /** Only in {@link Mode#SHARED}. */
    public DatabaseUrl database() {
        return DatabaseUrl.parse(databaseUrl);
    }

    BucketConfiguration global() {
        return bucket(globalBurst, globalPerSecond, Duration.ofSeconds(1));
    }

    /**
     * With the bot-wide bucket's capacity: many bulk threads polling a bucket of one lose the tokens that refill
     * while nobody is looking, and a broadcast falls well below its share.
     */
    BucketConfiguration bulk() {
        return bucket(globalBurst, bulkPerSecond, Duration.ofSeconds(1));
    }

    BucketConfiguration chat(long chatId) {
        return isGroup(chatId)
                ? bucket(groupBurst, groupPerMinute, Duration.ofMinutes(1))
                : bucket(privateChatBurst, privateChatPerSecond, Duration.ofSeconds(1));
    }

    /** Telegram's ids of groups, supergroups and channels are negative; users' are positive. */
    static boolean isGroup(long chatId) {
        return chatId < 0;
    }

    private static BucketConfiguration bucket(int capacity, double tokens, Duration per) {
        // Bucket4j refills whole tokens per period: express a fractional rate as one token per its interval.
        long periodNanos = Math.max(1, Math.round(per.toNanos() / tokens));
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(1, Duration.ofNanos(periodNanos)))
                .build();
    }

    private static void positive(String property, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidSettingException(property, "must be a positive number, got " + value);
        }
    }

    @Override
    public String toString() {
        // DATABASE_URL may carry the password.
        return "FloodSettings[mode=" + mode.toLowerCase(Locale.ROOT)
                + (backend() == Mode.SHARED ? ", " + database() : "")
                + ", global " + globalPerSecond + "/s burst " + globalBurst + " (bulk " + bulkPerSecond + "/s)"
                + ", private chat " + privateChatPerSecond + "/s burst " + privateChatBurst
                + ", group " + groupPerMinute + "/min burst " + groupBurst + ", maxWait=" + maxWait + "]";
    }
}
