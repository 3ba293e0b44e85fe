package io.wharf.web.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.render(markdown);
    }

    @Test
    void rendersCommonMarkdown() {
        assertThat(render("# Title\n\nSome *em* and **strong** text.\n\n> quote"))
                .isEqualTo("<h1>Title</h1>\n<p>Some <em>em</em> and <strong>strong</strong> text.</p>\n"
                        + "<blockquote>\n<p>quote</p>\n</blockquote>\n");
        assertThat(render("- one\n- two\n\n3. three\n4. four"))
                .isEqualTo("<ul><li>one</li><li>two</li></ul>\n<ol start=\"3\"><li>three</li><li>four</li></ol>\n");
    }

    @Test
    void keepsCodeBlocksWithTheirLanguageAndEscapesTheirContent() {
        assertThat(render("```java\nint x = 1 < 2;\n```"))
                .isEqualTo("<pre><code class=\"language-java\">int x &#61; 1 &lt; 2;\n</code></pre>\n");
        assertThat(render("`<script>`")).isEqualTo("<p><code>&lt;script&gt;</code></p>\n");
    }

    @Test
    void rendersGitHubTablesWithAlignment() {
        assertThat(render("| a | b |\n|:--|--:|\n| 1 | 2 |"))
                .isEqualTo("<table><thead><tr><th align=\"left\">a</th><th align=\"right\">b</th></tr></thead>"
                        + "<tbody><tr><td align=\"left\">1</td><td align=\"right\">2</td></tr></tbody></table>\n");
    }

    @Test
    void linksGetNofollowNoopenerAndBareUrlsBecomeLinks() {
        assertThat(render("[site](https://example.com/a?b=1&c=2)"))
                .isEqualTo("<p><a href=\"https://example.com/a?b&#61;1&amp;c&#61;2\" rel=\"nofollow noopener\">site</a></p>\n");
        assertThat(render("see https://example.com/docs now"))
                .isEqualTo("<p>see <a href=\"https://example.com/docs\" rel=\"nofollow noopener\">"
                        + "https://example.com/docs</a> now</p>\n");
        assertThat(render("[docs](/r/acme/app)"))
                .isEqualTo("<p><a href=\"/r/acme/app\" rel=\"nofollow noopener\">docs</a></p>\n");
    }

    @Test
    void keepsHttpImagesOnly() {
        assertThat(render("![i](https://example.com/i.png)"))
                .isEqualTo("<p><img src=\"https://example.com/i.png\" alt=\"i\" /></p>\n");
        assertThat(render("![i](data:image/png;base64,AAAA)")).isEqualTo("<p></p>\n");
        assertThat(render("![i](/relative.png)")).isEqualTo("<p></p>\n");
        assertThat(render("![i](javascript:alert(1))")).isEqualTo("<p></p>\n");
    }

    @Test
    void removesScriptsWithTheirContent() {
        assertThat(render("<script>alert(1)</script>")).isEqualTo("\n");
        assertThat(render("before <script>document.title='pwned'</script> after")).isEqualTo("<p>before  after</p>\n");
        assertThat(render("<svg><script>alert(1)</script></svg>")).isEqualTo("<p></p>\n");
        assertThat(render("<style>body{display:none}</style>text")).isEqualTo("text\n");
    }

    @Test
    void removesEventHandlerAttributes() {
        assertThat(render("<img src=x onerror=alert(1)>")).isEqualTo("\n");
        assertThat(render("<img src=\"https://example.com/a.png\" onerror=\"alert(1)\" alt=\"a\">"))
                .isEqualTo("<img src=\"https://example.com/a.png\" alt=\"a\" />\n");
        assertThat(render("<a href=\"https://example.com\" onclick=\"alert(1)\" target=\"_blank\">x</a>"))
                .isEqualTo("<p><a href=\"https://example.com\" rel=\"nofollow noopener\">x</a></p>\n");
        assertThat(render("<details open ontoggle=alert(1)>x</details>")).isEqualTo("x\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](javas&#99;ript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
    })
    void linksWithOtherSchemesKeepOnlyTheirText(String markdown) {
        assertThat(render(markdown)).isEqualTo("<p>x</p>\n");
    }

    @Test
    void rawHtmlLinksWithHiddenSchemesKeepOnlyTheirText() {
        assertThat(render("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).isEqualTo("<p>x</p>\n");
        assertThat(render("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")).isEqualTo("<p>x</p>\n");
    }

    @Test
    void removesFramesFormsAndStyles() {
        assertThat(render("<iframe src=\"https://evil.example\"></iframe>")).isEqualTo("\n");
        assertThat(render("<form action=\"https://evil\"><input name=q></form>")).isEqualTo("\n");
        assertThat(render("<p style=\"color:red\" class=\"x\">red</p>")).isEqualTo("<p>red</p>\n");
        assertThat(render("<object data=\"https://evil.example/x.swf\"></object><embed src=\"x\">")).isEqualTo("<p></p>\n");
    }

    @Test
    void nestedTagTricksStayText() {
        assertThat(render("<scr<script>ipt>alert(1)</script>")).isEqualTo("<p>&lt;scr</p>\n");
        assertThat(render("<<script>script>alert(1)<</script>/script>"))
                .isEqualTo("<p>&lt;/script&gt;</p>\n");
    }

    @Test
    void blankOrMissingTextRendersNothing() {
        assertThat(render(null)).isEmpty();
        assertThat(render("  \n")).isEmpty();
    }
}
