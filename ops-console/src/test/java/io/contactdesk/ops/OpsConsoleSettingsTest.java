package io.contactdesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.ops.board.HeartbeatBoardViews;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpsConsoleSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void passwordAndSecretAreRequired() {
        assertThatThrownBy(() -> new OpsConsoleSettings("", SECRET, null, null, null, null, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("OPS_CONSOLE_PASSWORD");
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", null, null, null, null, null, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("OPS_CONSOLE_SECRET");
    }

    @Test
    void secretShorterThan32CharactersIsRefused() {
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", SECRET.substring(1), null, null, null, null, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("OPS_CONSOLE_SECRET")
                .hasMessageContaining("32");
    }

    @Test
    void defaultsAndNoSecretsInToString() {
        OpsConsoleSettings settings = new OpsConsoleSettings("pw", SECRET, null, null, null, null, null, 1000, null, null);

        assertThat(settings.silentAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.lagSampleInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.retireAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain("pw,");
    }

    @Test
    void retiringInstancesBeforeTheyCountAsSilentIsRefused() {
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", SECRET, null, Duration.ofSeconds(30), Duration.ofSeconds(30),
                null, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("contactdesk.ops-console.retire-after");
    }

    @Test
    void aZeroOrNegativeDurationIsRefusedNamingItsProperty() {
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", SECRET, null, null, null, Duration.ZERO, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("contactdesk.ops-console.lag-sample-interval");
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", SECRET, Duration.ofHours(-1), null, null, null, null, 1000, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("contactdesk.ops-console.session-ttl");
    }

    @Test
    void instanceIsSilentWhenNotSeenForThirtySeconds() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        Heartbeat beat = new Heartbeat("notifier", "h-1-a", "h", at.minusSeconds(3600), at, "UP", 10, 100);

        assertThat(HeartbeatBoardViews.view(beat, at.plusSeconds(30), Duration.ofSeconds(30)).silent()).isFalse();
        assertThat(HeartbeatBoardViews.view(beat, at.plusSeconds(31), Duration.ofSeconds(30)).silent()).isTrue();
        assertThat(HeartbeatBoardViews.view(beat, at.plusSeconds(31), Duration.ofSeconds(30)).uptimeSeconds())
                .isEqualTo(3600);
    }

    @Test
    void trustedProxiesAreIpAddressesAndAHostNameIsRefused() {
        OpsConsoleSettings settings = new OpsConsoleSettings("pw", SECRET, null, null, null, null, null, 1000, null,
                Set.of(" 10.0.0.2 ", "0:0:0:0:0:0:0:1"));

        assertThat(settings.trustedProxies()).containsExactlyInAnyOrder("10.0.0.2", "0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> new OpsConsoleSettings("pw", SECRET, null, null, null, null, null, 1000, null,
                Set.of("proxy.internal")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("OPS_CONSOLE_TRUSTED_PROXIES ");
    }
}
