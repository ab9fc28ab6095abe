package io.contactdesk.processor.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReferralRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final long ADA = 42;
    private static final long BOB = 43;
    private final ReferralCodes codes = TestRules.rules().referrals();

    private static Account account(long userId) {
        return Account.register(new IncomingUpdate.Sender(userId, null, "U", "en"), false, NOW);
    }

    @Test
    void aNewUserWithAnotherUsersCodeNamesThatReferrer() {
        assertThat(ReferralRules.referrer(codes, true, BOB, codes.startParameter(ADA))).isEqualTo(OptionalLong.of(ADA));
    }

    @Test
    void anExistingUserNamesNoReferrer() {
        assertThat(ReferralRules.referrer(codes, false, BOB, codes.startParameter(ADA))).isEmpty();
    }

    @Test
    void aUsersOwnCodeNamesNoReferrer() {
        assertThat(ReferralRules.referrer(codes, true, BOB, codes.startParameter(BOB))).isEmpty();
    }

    @Test
    void aStartWithoutACodeOfOursNamesNoReferrer() {
        assertThat(ReferralRules.referrer(codes, true, BOB, "")).isEmpty();
        assertThat(ReferralRules.referrer(codes, true, BOB, "ref_" + ADA)).isEmpty();
    }

    @Test
    void aReferrerEarnsOnlyWithAnAccountNeitherBannedNorForgotten() {
        assertThat(ReferralRules.referrerEarns(account(ADA))).isTrue();
        assertThat(ReferralRules.referrerEarns(null)).isFalse();
        assertThat(ReferralRules.referrerEarns(account(ADA).withBan(true, NOW))).isFalse();
        assertThat(ReferralRules.referrerEarns(account(ADA).forgotten(NOW))).isFalse();
    }

    @Test
    void aNewcomerBannedMeanwhileEarnsNothing() {
        assertThat(ReferralRules.newcomerEarns(account(BOB))).isTrue();
        assertThat(ReferralRules.newcomerEarns(account(BOB).withBan(true, NOW))).isFalse();
        assertThat(ReferralRules.newcomerEarns(null)).isFalse();
    }
}
