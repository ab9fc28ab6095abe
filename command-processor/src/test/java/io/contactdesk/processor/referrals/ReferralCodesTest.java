package io.contactdesk.processor.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReferralCodesTest {

    private static final String KEY = Settings.generateSecretKey(32);
    private final ReferralCodes codes = ReferralCodes.fromSettings("contactdesk_bot", KEY);

    @Test
    void theLinkIsADeepLinkWithinTelegramsStartParameterRules() {
        long userId = 7_123_456_789L;

        String link = codes.link(userId);

        assertThat(link).startsWith("https://t.me/contactdesk_bot?start=ref_");
        String parameter = link.substring(link.indexOf("=") + 1);
        assertThat(parameter).hasSizeLessThanOrEqualTo(ReferralCodes.MAX_START_PARAMETER).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCodeNamesItsUserWithoutShowingTheId() {
        long userId = 7_123_456_789L;

        String parameter = codes.startParameter(userId);

        assertThat(parameter).doesNotContain(Long.toString(userId)).doesNotContain(Long.toHexString(userId));
        assertThat(codes.referrer(parameter)).isEqualTo(OptionalLong.of(userId));
        assertThat(codes.startParameter(userId)).as("the same link every time").isEqualTo(parameter);
    }

    @Test
    void aCodeUnderAnotherKeyOrAlteredNamesNobody() {
        String parameter = codes.startParameter(42);
        ReferralCodes other = ReferralCodes.fromSettings("contactdesk_bot", Settings.generateSecretKey(32));
        char last = parameter.charAt(parameter.length() - 2);
        String altered = parameter.substring(0, parameter.length() - 2) + (last == 'A' ? 'B' : 'A')
                + parameter.charAt(parameter.length() - 1);

        assertThat(other.referrer(parameter)).isEmpty();
        assertThat(codes.referrer(altered)).isEmpty();
        assertThat(codes.referrer("ref_")).isEmpty();
        assertThat(codes.referrer("ref_!!!!!!!!!!!!!!!!!!!!!!")).isEmpty();
        assertThat(codes.referrer("hello")).isEmpty();
        assertThat(codes.referrer(null)).isEmpty();
    }

    @Test
    void aMissingOrWrongSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> ReferralCodes.fromSettings("", KEY)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("BOT_USERNAME is not set");
        assertThatThrownBy(() -> ReferralCodes.fromSettings("not a name!", KEY))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("BOT_USERNAME must be");
        assertThatThrownBy(() -> ReferralCodes.fromSettings("contactdesk_bot", "c2hvcnQ="))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PAYMENT_PAYLOAD_KEY must hold")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void anAtSignBeforeTheUsernameIsTolerated() {
        assertThat(ReferralCodes.fromSettings("@contactdesk_bot", KEY).link(1)).startsWith("https://t.me/contactdesk_bot?");
    }
}
