package org.tidl.reproduction.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharactersAndNothingElse() {
        assertThat(Html.escape("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        // already-escaped text is escaped again: what a file says is shown as it is
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape("é 漢 \uD83D\uDE00 tab\tnl\n")).isEqualTo("é 漢 \uD83D\uDE00 tab\tnl\n");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void charactersHtmlDoesNotAllowBecomeTheReplacementCharacter() {
        assertThat(Html.escape("a\u0000b\u0007c\u007fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(Html.escape("lone \uD83D high, lone \uDE00 low")).isEqualTo("lone \uFFFD high, lone \uFFFD low");
    }

    @Test
    void relativeUrlsArePercentEncodedPerSegment() {
        Path page = Path.of("/r/results");
        assertThat(Html.relativeUrl(page, Path.of("/r/results/quick/fig2.csv"))).isEqualTo("quick/fig2.csv");
        assertThat(Html.relativeUrl(page, Path.of("/r/other/x.csv"))).isEqualTo("../other/x.csv");
        // ':' would read as a scheme, '#' and '?' as fragment and query, ' ' and non-ASCII are not URL characters
        assertThat(Html.relativeUrl(page, Path.of("/r/results/circulant:offsets=1,4 #1?.png")))
                .isEqualTo("circulant%3Aoffsets%3D1%2C4%20%231%3F.png");
        assertThat(Html.relativeUrl(page, Path.of("/r/results/é.csv"))).isEqualTo("%C3%A9.csv");
    }
}
