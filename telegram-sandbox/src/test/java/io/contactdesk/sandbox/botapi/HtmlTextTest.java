package io.contactdesk.sandbox.botapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<b>a</b><strong>b</strong><i>c</i><em>d</em><u>e</u><ins>f</ins><s>g</s><strike>h</strike><del>i</del>|abcdefghi",
            "<tg-spoiler>x</tg-spoiler><span class='tg-spoiler'>y</span>|xy",
            "<pre><code class=\"language-java\">int a;</code></pre>|int a;",
            "<blockquote expandable>q</blockquote>|q",
            "<a href=\"https://x.org/?q=a>b\">link</a>|link",
            "&lt;&gt;&amp;&quot;&#65;&#x42;|<>&\"AB",
            "1 > 0|1 > 0",
    })
    void validMarkupYieldsThePlainText(String html, String plain) {
        assertThat(HtmlText.plain(html)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<div>x</div>", "<b>x", "<b>x</i>", "x</b>", "a < b", "Tom & Jerry", "&nbsp;",
            "<span>x</span>", "<b", "<a href=\"x>y</a>"})
    void invalidMarkupCannotBeParsed(String html) {
        assertThatThrownBy(() -> HtmlText.plain(html))
                .isInstanceOf(BotApiErrorAnswer.class)
                .hasMessageStartingWith("Bad Request: can't parse entities: ");
    }
}
