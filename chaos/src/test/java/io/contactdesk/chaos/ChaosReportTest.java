package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosReportTest {

    @Test
    void theHeaderSaysEachServiceRanAsOftenWhenTheNotifiersDoToo() {
        assertThat(ChaosReport.instancesLine(2, 2)).isEqualTo("2 instances of each service");
    }

    @Test
    void theHeaderNamesTheNotifiersWhenTheyRanAnotherNumberOfTimes() {
        assertThat(ChaosReport.instancesLine(2, 1)).isEqualTo("2 instances of each service but the notifier (1 instance)");
    }
}
