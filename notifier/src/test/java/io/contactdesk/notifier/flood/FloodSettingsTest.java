package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FloodSettingsTest {

    @Test
    void broadcastsShareDefaultsToFourteenFifteenthsOfTheBotWideRate() {
        // given a bot-wide rate lowered to 15/s and no bulk share set
        FloodSettings settings = new FloodSettings("local", null, 15, 3, null, 1, 3, 20, 3, Duration.ofMinutes(1));

        // then broadcasts may take 14/s of it
        assertThat(settings.bulkPerSecond()).isEqualTo(14.0);
    }

    @Test
    void broadcastsShareAboveTheBotWideRateIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new FloodSettings("local", null, 10, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("contactdesk.flood.bulk-per-second");
    }

    @Test
    void sharedIsTheDefaultAndNeedsDatabaseUrl() {
        assertThatThrownBy(() -> settings("", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL is not set")
                .hasMessageContaining("FLOOD_CONTROL=local")
                .satisfies(e -> assertThat(((InvalidSettingException) e).variable()).isEqualTo("DATABASE_URL"));
        assertThatThrownBy(() -> settings("shared", " "))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("DATABASE_URL");
    }

    @Test
    void bothUrlFormsAreAcceptedAndThePasswordIsNeverPrinted() {
        FloodSettings libpq = settings(null, "postgresql://app:s3cret@db.example:6432/contactdesk");
        assertThat(libpq.backend()).isEqualTo(FloodSettings.Mode.SHARED);
        assertThat(libpq.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/contactdesk");
        assertThat(libpq.database().password()).isEqualTo("s3cret");
        assertThat(libpq.toString()).doesNotContain("s3cret");

        FloodSettings jdbc = settings("SHARED", "jdbc:postgresql://localhost:5432/contactdesk");
        assertThat(jdbc.database().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/contactdesk");
    }

    @Test
    void aMalformedDatabaseUrlNamesTheVariable() {
        assertThatThrownBy(() -> settings("shared", "mysql://x/y"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("DATABASE_URL must start with");
    }

    @Test
    void localNeedsNoDatabase() {
        assertThat(settings("local", null).backend()).isEqualTo(FloodSettings.Mode.LOCAL);
    }

    @Test
    void anUnknownModeNamesTheVariable() {
        assertThatThrownBy(() -> settings("redis", "postgresql://a:b@h/db"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("FLOOD_CONTROL must be shared or local, got 'redis'");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new FloodSettings("local", null, 0, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("contactdesk.flood.global-per-second");
        assertThatThrownBy(() -> new FloodSettings("local", null, 30, 3, 28.0, 1, 0, 20, 3, Duration.ofMinutes(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("contactdesk.flood.private-chat-burst");
    }

    @Test
    void groupsAreTheNegativeChatIds() {
        assertThat(FloodSettings.isGroup(-1001234567890L)).isTrue();
        assertThat(FloodSettings.isGroup(42)).isFalse();
    }

    private static FloodSettings settings(String mode, String url) {
        return new FloodSettings(mode, url, 30, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1));
    }
}
