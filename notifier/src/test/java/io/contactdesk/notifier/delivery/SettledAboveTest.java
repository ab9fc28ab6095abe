package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SettledAboveTest {

    @Test
    void theRecordsSettledAboveTheCommittedOffsetSurviveTheCommitsMetadata() {
        TreeSet<Long> settled = new TreeSet<>(java.util.List.of(101L, 102L, 105L, 900L));

        String metadata = SettledAbove.encode(100, settled);

        assertThat(metadata).startsWith(SettledAbove.VERSION).hasSizeLessThanOrEqualTo(SettledAbove.MAX_CHARS + 3);
        assertThat(SettledAbove.decode(100, metadata)).containsExactly(101L, 102L, 105L, 900L);
    }

    @Test
    void nothingSettledAboveIsNoMetadata() {
        assertThat(SettledAbove.encode(100, new TreeSet<>())).isEmpty();
        assertThat(SettledAbove.decode(100, "")).isEmpty();
    }

    @Test
    void metadataSomeoneElseWroteMeansNothingSettledAbove() {
        assertThat(SettledAbove.decode(100, null)).isEmpty();
        assertThat(SettledAbove.decode(100, "committed by a tool")).isEmpty();
        assertThat(SettledAbove.decode(100, "v1:not base64!")).isEmpty();
    }

    @Test
    void recordsTooFarAboveToFitAreLeftOutAndSaidToOverflow() {
        TreeSet<Long> settled = new TreeSet<>(java.util.List.of(101L, 1_000_000L));

        String metadata = SettledAbove.encode(100, settled);

        assertThat(metadata.length()).isLessThanOrEqualTo(SettledAbove.MAX_CHARS + SettledAbove.VERSION.length());
        assertThat(SettledAbove.decode(100, metadata)).containsExactly(101L);
        assertThat(SettledAbove.overflows(100, settled)).isTrue();
        assertThat(SettledAbove.overflows(100, new TreeSet<>(java.util.List.of(101L)))).isFalse();
    }
}
