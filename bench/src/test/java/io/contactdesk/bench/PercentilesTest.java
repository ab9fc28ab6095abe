package io.contactdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());

        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void noValuesGiveNoFigures() {
        assertThat(Percentiles.of(List.of()).count()).isZero();
    }
}
