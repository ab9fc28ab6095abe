package io.contactdesk.processor;

import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.processor.accounts.UserStore;
import io.contactdesk.processor.commands.BotRules;
import io.contactdesk.processor.commands.BotState;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.directory.Directory;
import io.contactdesk.processor.payments.CreditPacks;
import io.contactdesk.processor.payments.InvoicePayload;
import io.contactdesk.processor.ratelimit.RateLimiter;
import io.contactdesk.processor.referrals.ReferralCodes;
import io.contactdesk.processor.stats.StatsShard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules with the defaults of docs/architecture.md §3, with admins 900 and 901 and a fresh keyring. */
public final class TestRules {

    public static final long ADMIN = 900;
    public static final long OTHER_ADMIN = 901;
    public static final String KEYRING = ContactCipher.generateKeyringEntry("k1");
    public static final String PAYMENT_PAYLOAD_KEY = Settings.generateSecretKey(32);
    public static final String BOT_USERNAME = "contactdesk_bot";

    private TestRules() {
    }

    public static BotRules rules() {
        return new BotRules(new CreditRules(3, 1, 2, 1), Set.of(ADMIN, OTHER_ADMIN), new Categories(Categories.DEFAULT),
                new RateLimiter(10, Duration.ofSeconds(60)), ContactCipher.fromKeyring(KEYRING),
                CreditPacks.parse("10:50,50:200,120:400"), InvoicePayload.fromSetting(PAYMENT_PAYLOAD_KEY),
                ReferralCodes.fromSettings(BOT_USERNAME, PAYMENT_PAYLOAD_KEY));
    }

    /** The bot's state over nothing: no listings, empty in-memory stores, for a flow or the router tested alone. */
    public static BotState emptyState() {
        Directory none = new Directory() {
            @Override
            public Optional<Listing> find(String listingId) {
                return Optional.empty();
            }

            @Override
            public List<Listing> all() {
                return List.of();
            }
        };
        return new BotState(none, UserStore.inMemory(), UserStore.inMemory(), UserStore.inMemory(),
                UserStore.inMemory(), () -> StatsShard.EMPTY);
    }

    public static ContactCipher cipher() {
        return ContactCipher.fromKeyring(KEYRING);
    }
}
