package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class SettledAboveTest {

    @Test
    void theRecordsSettledAboveTheCommittedOffsetSurviveTheCommitsMetadata() {
        TreeSet<Long> settled = new TreeSet<>(List.of(101L, 102L, 105L, 900L));

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
        TreeSet<Long> settled = new TreeSet<>(List.of(101L, 1_000_000L));

        String metadata = SettledAbove.encode(100, settled);

        assertThat(metadata.length()).isLessThanOrEqualTo(SettledAbove.MAX_CHARS + SettledAbove.VERSION.length());
        assertThat(SettledAbove.decode(100, metadata)).containsExactly(101L);
        assertThat(SettledAbove.overflows(100, settled)).isTrue();
        assertThat(SettledAbove.overflows(100, new TreeSet<>(List.of(101L)))).isFalse();
    }

    @Test
    void aCommitCarriesWhatAnEarlierOwnerSettledAndThisOneHasNotFetchedYet() {
        // An earlier owner committed 100 with 101..400 settled; a first fetch brought 100..149 back, 100 is under way.
        TreeSet<Long> notFetchedYet = range(150, 400);

        OffsetAndMetadata commit = SettledAbove.commitPoint(OptionalLong.of(100), range(101, 149), notFetchedYet, -1);

        assertThat(commit.offset()).isEqualTo(100);
        assertThat(SettledAbove.decode(100, commit.metadata())).isEqualTo(range(101, 400));
    }

    @Test
    void withNothingUnfinishedTheCommitPassesRecordsSettledBeforeAtTheConsumersPosition() {
        TreeSet<Long> notFetchedYet = new TreeSet<>(List.of(150L, 151L, 153L, 170L));

        OffsetAndMetadata commit = SettledAbove.commitPoint(OptionalLong.empty(), new TreeSet<>(), notFetchedYet, 150);

        assertThat(commit.offset()).as("152 was never settled: the commit stops there").isEqualTo(152);
        assertThat(SettledAbove.decode(152, commit.metadata())).containsExactly(153L, 170L);
    }

    @Test
    void withNothingInheritedTheCommitIsTheLowestUnfinishedWithWhatFinishedAboveIt() {
        OffsetAndMetadata commit = SettledAbove.commitPoint(OptionalLong.of(7), new TreeSet<>(List.of(9L)),
                new TreeSet<>(), -1);

        assertThat(commit.offset()).isEqualTo(7);
        assertThat(SettledAbove.decode(7, commit.metadata())).containsExactly(9L);
        assertThat(SettledAbove.commitPoint(OptionalLong.empty(), new TreeSet<>(), new TreeSet<>(), 42))
                .isEqualTo(new OffsetAndMetadata(42, ""));
    }

    private static TreeSet<Long> range(long from, long to) {
        TreeSet<Long> offsets = new TreeSet<>();
        for (long offset = from; offset <= to; offset++) {
            offsets.add(offset);
        }
        return offsets;
    }
}
