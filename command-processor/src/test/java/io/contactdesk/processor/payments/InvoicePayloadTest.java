package io.contactdesk.processor.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvoicePayloadTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String KEY = Settings.generateSecretKey(32);
    private final InvoicePayload payloads = InvoicePayload.fromSetting(KEY);
    private final CreditPack biggest = new CreditPack(1_000_000, 10_000);

    @Test
    void theLongestPayloadStaysWithinTelegrams128Bytes() {
        String payload = payloads.sign(biggest, Long.MAX_VALUE, T0, "update:e9999.2147483647");

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(InvoicePayload.MAX_BYTES);
        assertThat(payloads.read(payload)).isPresent();
    }

    @Test
    void aSignedPayloadPassesForItsUserAmountAndTime() {
        String payload = payloads.sign(new CreditPack(50, 200), 42, T0, "update:1");

        assertThat(payloads.check(payload, 42, "XTR", 200, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void aReplayedCauseSignsTheVeryPayloadAgainAndAnotherCauseAnother() {
        CreditPack pack = new CreditPack(50, 200);

        assertThat(payloads.sign(pack, 42, T0, "update:1")).isEqualTo(payloads.sign(pack, 42, T0, "update:1"))
                .isNotEqualTo(payloads.sign(pack, 42, T0, "update:2"));
    }

    @Test
    void anyChangedCharacterMakesItForged() {
        String payload = payloads.sign(new CreditPack(50, 200), 42, T0, "update:1");
        String changed = payload.replace("v1.50.", "v1.51.");

        assertThat(payloads.check(changed, 42, "XTR", 200, T0)).contains(InvoicePayload.Refusal.FORGED);
    }

    @Test
    void aPayloadSignedUnderAnotherKeyIsForged() {
        String payload = InvoicePayload.fromSetting(Settings.generateSecretKey(32))
                .sign(new CreditPack(50, 200), 42, T0, "update:1");

        assertThat(payloads.check(payload, 42, "XTR", 200, T0)).contains(InvoicePayload.Refusal.FORGED);
    }

    @Test
    void anotherUsersPaymentOrAmountOrCurrencyIsRefused() {
        String payload = payloads.sign(new CreditPack(50, 200), 42, T0, "update:1");

        assertThat(payloads.check(payload, 43, "XTR", 200, T0)).contains(InvoicePayload.Refusal.OTHER_USER);
        assertThat(payloads.check(payload, 42, "XTR", 199, T0)).contains(InvoicePayload.Refusal.WRONG_AMOUNT);
        assertThat(payloads.check(payload, 42, "EUR", 200, T0)).contains(InvoicePayload.Refusal.WRONG_AMOUNT);
    }

    @Test
    void anInvoiceExpiresAfterAnHour() {
        String payload = payloads.sign(new CreditPack(50, 200), 42, T0, "update:1");

        assertThat(payloads.check(payload, 42, "XTR", 200, T0.plus(InvoicePayload.VALID_FOR)))
                .contains(InvoicePayload.Refusal.EXPIRED);
    }

    @Test
    void aMissingOrShortKeyStopsStartUpNamingTheVariableButNotTheValue() {
        assertThatThrownBy(() -> InvoicePayload.fromSetting(""))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PAYMENT_PAYLOAD_KEY is not set");
        assertThatThrownBy(() -> InvoicePayload.fromSetting("c2hvcnQ="))
                .hasMessageStartingWith("PAYMENT_PAYLOAD_KEY must hold at least 32").hasMessageNotContaining("c2hvcnQ=");
    }
}
