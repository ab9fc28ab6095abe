package io.contactdesk.processor.commands;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.payments.CreditPacks;
import io.contactdesk.processor.payments.InvoicePayload;
import io.contactdesk.processor.ratelimit.RateLimiter;
import io.contactdesk.processor.referrals.ReferralCodes;
import java.util.Set;

/** The settings the bot's behaviour depends on. */
public record BotRules(
        CreditRules credits, Set<Long> admins, Categories categories, RateLimiter rateLimiter, ContactCipher cipher,
        CreditPacks packs, InvoicePayload payloads, ReferralCodes referrals) {

    public BotRules {
        admins = Set.copyOf(admins);
    }

    public boolean isAdmin(long userId) {
        return admins.contains(userId);
    }
}
