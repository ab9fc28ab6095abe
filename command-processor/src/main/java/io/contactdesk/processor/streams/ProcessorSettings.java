package io.contactdesk.processor.streams;

import io.contactdesk.contracts.config.Settings;
import io.contactdesk.processor.credits.CreditRules;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The processor's settings (DESIGN.md §4), bound from {@code command-processor.properties} and checked at start-up. */
@ConfigurationProperties("contactdesk.processor")
public record ProcessorSettings(
        String bootstrapServers,
        String applicationId,
        String stateDir,
        int streamThreads,
        int replicationFactor,
        int signupBonusCredits,
        int unlockCostCredits,
        String adminUserIds) {

    public ProcessorSettings {
        bootstrapServers = Settings.required("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "the Kafka brokers, host:port,…");
        applicationId = Settings.required("STREAMS_APPLICATION_ID", applicationId, "the Kafka Streams application id");
        stateDir = Settings.required("STREAMS_STATE_DIR", stateDir, "a directory for the state stores");
        Settings.positive("STREAMS_THREADS", streamThreads);
        Settings.positive("KAFKA_REPLICATION_FACTOR", replicationFactor);
        Settings.atLeast("SIGNUP_BONUS_CREDITS", signupBonusCredits, 0);
        Settings.positive("UNLOCK_COST_CREDITS", unlockCostCredits);
        admins(adminUserIds);
    }

    public Set<Long> admins() {
        return admins(adminUserIds);
    }

    private static Set<Long> admins(String ids) {
        return Settings.userIds("ADMIN_USER_IDS", ids);
    }

    public CreditRules creditRules() {
        return new CreditRules(signupBonusCredits, unlockCostCredits);
    }
}
