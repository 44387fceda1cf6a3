package io.releasekit.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown rendered as Matrix HTML by commonmark-java: raw HTML escaped, only http(s) and mailto links. */
class MatrixHtmlTest {

    @Test
    void rendersALoneParagraphWithoutPAndKeepsLineBreaks() {
        assertThat(MatrixHtml.render("**v1.2.0** is out\nsee *notes* and ~~old~~ `a<b`\n"))
                .isEqualTo(
                        "<strong>v1.2.0</strong> is out<br>see <em>notes</em> and <del>old</del> <code>a&lt;b</code>");
    }

    @Test
    void rendersReleaseNotesWithHeadingsAndNestedLists() {
        String notes =
                """
                ## v1.2.0

                ### Fixes

                - Retry uploads ([#12](https://github.com/acme/app/pull/12))
                - Faster start
                  across two lines ([#13](https://github.com/acme/app/pull/13))
                - Config keys ([#14](https://github.com/acme/app/pull/14))
                  - `a.b` added
                  - `c` removed
                - Last one
                """;

        assertThat(MatrixHtml.render(notes))
                .isEqualTo("<h2>v1.2.0</h2><h3>Fixes</h3><ul>"
                        + "<li>Retry uploads (<a href=\"https://github.com/acme/app/pull/12\">#12</a>)</li>"
                        + "<li>Faster start<br>across two lines (<a href=\"https://github.com/acme/app/pull/13\">#13</a>)</li>"
                        + "<li>Config keys (<a href=\"https://github.com/acme/app/pull/14\">#14</a>)"
                        + "<ul><li><code>a.b</code> added</li><li><code>c</code> removed</li></ul></li>"
                        + "<li>Last one</li></ul>");
    }

    @Test
    void rendersNumberedListsWithTheirStartAndFencedCodeEscaped() {
        String md =
                """
                3. third
                4. fourth

                ```java
                if (a < b && c) { run("x"); }
                ```
                """;

        assertThat(MatrixHtml.render(md))
                .isEqualTo("<ol start=\"3\"><li>third</li><li>fourth</li></ol>"
                        + "<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c) { run(&quot;x&quot;); }\n"
                        + "</code></pre>");
    }

    @Test
    void wrapsSeveralParagraphsInP() {
        assertThat(MatrixHtml.render("first\n\nsecond")).isEqualTo("<p>first</p><p>second</p>");
    }

    @Test
    void escapesRawHtmlAndRefusesUnsafeLinkSchemes() {
        assertThat(MatrixHtml.render("<b onclick='x()'>hi</b> & [x](JavaScript:alert(1)) [y](data:text/html,<b>)"
                        + " [z](/relative) [m](mailto:ops@example.org)"))
                .isEqualTo("&lt;b onclick='x()'&gt;hi&lt;/b&gt; &amp; [x](JavaScript:alert(1))"
                        + " [y](data:text/html,&lt;b&gt;) [z](/relative)"
                        + " <a href=\"mailto:ops@example.org\">m</a>");
    }

    @Test
    void keepsLinkTextMarkupButNeverLetsTheUrlLeaveItsAttribute() {
        assertThat(MatrixHtml.render("[**bold** <i>](https://e.org/a?x=\"><script>)"))
                .isEqualTo(
                        "<a href=\"https://e.org/a?x=&quot;&gt;&lt;script&gt;\"><strong>bold</strong> &lt;i&gt;</a>");
    }

    @Test
    void leavesUnclosedAndEscapedMarkersAsText() {
        assertThat(MatrixHtml.render("2 * 3 = 6, **open, `tick, \\*not em\\*, [text] (x), a_b_c"))
                .isEqualTo("2 * 3 = 6, **open, `tick, *not em*, [text] (x), a_b_c");
    }

    @Test
    void rendersHostileInputOfTheLargestMessageWithoutDeepRecursion() {
        String brackets = "[".repeat(20_000) + "x](https://e.org)".repeat(1_000);
        String nested = "[".repeat(5_000) + "x" + "](https://e.org)".repeat(5_000);
        String stars = "*a ".repeat(13_000);

        // A hang guard only: linear work takes milliseconds, the bound is generous for a loaded machine.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (String hostile : List.of(brackets, nested, stars)) {
                assertThat(MatrixHtml.render(hostile)).isNotEmpty();
            }
        });
    }

    @Test
    void neverNestsALinkInALinkAndShowsTheOuterBracketsAsText() {
        String twenty = "[".repeat(20) + "x" + "](https://e.org)".repeat(20);

        String html = MatrixHtml.render(twenty);

        assertThat(html.split("<a href", -1)).hasSize(2);
        assertThat(html).startsWith("[".repeat(19) + "<a href=\"https://e.org\">x</a>");
        assertThat(MatrixHtml.render("**a *b [c](https://e.org)* d**"))
                .isEqualTo("<strong>a <em>b <a href=\"https://e.org\">c</a></em> d</strong>");
    }

    @Test
    void rendersAThematicBreakAsARule() {
        assertThat(MatrixHtml.render("---")).isEqualTo("<hr />");
    }

    @Test
    void showsAnImageAsItsTextAndNeverLoadsIt() {
        assertThat(MatrixHtml.render(
                        "see ![the chart](https://tracker.example/pixel.png) and ![x](javascript:alert(1))"))
                .isEqualTo("see the chart and x");
    }
}
