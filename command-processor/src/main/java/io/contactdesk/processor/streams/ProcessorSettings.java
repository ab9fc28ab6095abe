package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.processor.commands.BotRules;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.payments.CreditPacks;
import io.contactdesk.processor.payments.InvoicePayload;
import io.contactdesk.processor.ratelimit.RateLimiter;
import io.contactdesk.processor.referrals.ReferralCodes;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The processor's settings (docs/architecture.md section 3), bound from {@code command-processor.properties} and checked at start-up. */
@ConfigurationProperties("contactdesk.processor")
public record ProcessorSettings(
        String bootstrapServers,
        String applicationId,
        String stateDir,
        int streamThreads,
        int topicPartitions,
        int replicationFactor,
        int signupBonusCredits,
        int unlockCostCredits,
        int listingRewardCredits,
        int rateLimitMaxRequests,
        int rateLimitWindowSeconds,
        String adminUserIds,
        String contactEncryptionKeys,
        String listingCategories,
        String creditPacks,
        String paymentPayloadKey,
        int referralBonusCredits,
        String botUsername) {

    public ProcessorSettings {
        bootstrapServers = Settings.required("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "the Kafka brokers, host:port,…");
        applicationId = Settings.required("STREAMS_APPLICATION_ID", applicationId, "the Kafka Streams application id");
        stateDir = Settings.required("STREAMS_STATE_DIR", stateDir, "a directory for the state stores");
        Settings.positive("STREAMS_THREADS", streamThreads);
        Settings.positive("KAFKA_TOPIC_PARTITIONS", topicPartitions);
        Settings.positive("KAFKA_REPLICATION_FACTOR", replicationFactor);
        Settings.atLeast("SIGNUP_BONUS_CREDITS", signupBonusCredits, 0);
        Settings.positive("UNLOCK_COST_CREDITS", unlockCostCredits);
        Settings.atLeast("LISTING_REWARD_CREDITS", listingRewardCredits, 0);
        Settings.positive("RATE_LIMIT_MAX_REQUESTS", rateLimitMaxRequests);
        Settings.positive("RATE_LIMIT_WINDOW_SECONDS", rateLimitWindowSeconds);
        Settings.userIds("ADMIN_USER_IDS", adminUserIds);
        Settings.required(ContactCipher.VARIABLE, contactEncryptionKeys, "the contact keyring id:base64key,…");
        ContactCipher.fromKeyring(contactEncryptionKeys);
        Categories.parse(listingCategories);
        CreditPacks.parse(creditPacks);
        InvoicePayload.fromSetting(paymentPayloadKey);
        Settings.atLeast("REFERRAL_BONUS_CREDITS", referralBonusCredits, 0);
        ReferralCodes.fromSettings(botUsername, paymentPayloadKey);
    }

    public Set<Long> admins() {
        return Settings.userIds("ADMIN_USER_IDS", adminUserIds);
    }

    public BotRules botRules() {
        return new BotRules(
                new CreditRules(signupBonusCredits, unlockCostCredits, listingRewardCredits, referralBonusCredits),
                admins(),
                Categories.parse(listingCategories),
                new RateLimiter(rateLimitMaxRequests, Duration.ofSeconds(rateLimitWindowSeconds)),
                ContactCipher.fromKeyring(contactEncryptionKeys),
                CreditPacks.parse(creditPacks),
                InvoicePayload.fromSetting(paymentPayloadKey),
                ReferralCodes.fromSettings(botUsername, paymentPayloadKey));
    }

    @Override
    public String toString() {
        return "ProcessorSettings[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers + "]";
    }
}
