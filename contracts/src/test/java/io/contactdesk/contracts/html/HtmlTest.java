package io.contactdesk.contracts.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupTypedByAUserIsShownAsText() {
        assertThat(Html.escape("<b>Bob</b> & \"Co\"")).isEqualTo("&lt;b&gt;Bob&lt;/b&gt; &amp; &quot;Co&quot;");
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void emojiAndRightToLeftTextPassUnchanged() {
        assertThat(Html.escape("👋 שלום")).isEqualTo("👋 שלום");
    }
}
