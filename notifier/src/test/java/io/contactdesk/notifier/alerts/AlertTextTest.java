package io.contactdesk.notifier.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OpsAlert;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    @Test
    void alertIsEscapedWithItsStackHeadInPre() {
        // given an alert whose texts hold markup
        OpsAlert alert = new OpsAlert("a1", "ERROR", "db-writer", "host-1", "fp", "insert <users> failed & retried",
                "java.sql.SQLException: <boom>\n\tat Foo.bar(Foo.java:1)", Instant.EPOCH);

        // when
        String text = AlertText.first(alert);

        // then
        assertThat(text).isEqualTo("🚨 <b>ERROR</b> · <b>db-writer</b> · host-1\n"
                + "insert &lt;users&gt; failed &amp; retried\n"
                + "<pre>java.sql.SQLException: &lt;boom&gt;\n\tat Foo.bar(Foo.java:1)</pre>");
    }

    @Test
    void longAlertIsCutToAThousandCharactersWithoutBreakingAnEntityOrTheTags() {
        // given a message and stack head of thousands of characters that escaping makes longer still
        OpsAlert alert = new OpsAlert("a1", "CRITICAL", "notifier", "host-1", "fp", "<&>".repeat(1_000),
                "x<y\n".repeat(1_000), Instant.EPOCH);

        // when
        String text = AlertText.first(alert);

        // then
        assertThat(text.length()).isLessThanOrEqualTo(AlertText.MAX_LENGTH);
        assertThat(text).contains("…\n<pre>x&lt;y").endsWith("…</pre>");
        assertThat(text.replaceAll("&(lt|gt|amp|quot);", "")).doesNotContain("&");
    }

    @Test
    void summaryCountsTheRepeatsOfTheWindow() {
        AlertFolds.Summary summary = new AlertFolds.Summary("fp", 37, "command-processor", "poll <timeout>");

        assertThat(AlertText.summary(summary, Duration.ofMinutes(5)))
                .isEqualTo("🔁 ×37 in the last 5 min: command-processor: poll &lt;timeout&gt;");
        assertThat(AlertText.window(Duration.ofSeconds(8))).isEqualTo("8 s");
    }

    @Test
    void fitKeepsShortTextsWhole() {
        assertThat(AlertText.fit("a & b", 9)).isEqualTo("a &amp; b");
        assertThat(AlertText.fit("a & b", 7)).isEqualTo("a …");
    }
}
