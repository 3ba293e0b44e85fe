package io.wharf.web.markdown;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns a repository's full description (Markdown, written by whoever administers the repository) into HTML
 * that is safe to put into a page: CommonMark with GitHub's tables and autolinks, raw HTML allowed, and then
 * everything run through an allow-list sanitizer. The Markdown step never decides safety; the sanitizer sees
 * the final HTML, so tricks that smuggle markup through Markdown end up in front of the same allow-list.
 *
 * <p>Kept: headings, paragraphs, emphasis, lists, block quotes, code (with a {@code language-*} class),
 * tables, rules, links (http, https, mailto or relative; given {@code rel="nofollow noopener"}) and images
 * (http and https only; an image with another address is dropped). Removed: scripts, styles, event handler attributes, iframes, forms and every other
 * element or attribute not listed, and links or images with another scheme ({@code javascript:}, {@code data:},
 * ...): the element's text stays. Thread-safe.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Pattern HTTP_URL = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE_LANGUAGE = Pattern.compile("^language-[A-Za-z0-9_+#.-]{1,40}$");
    private static final Pattern TABLE_ALIGNMENT = Pattern.compile("^(left|center|right)$");
    private static final String LINK_REL = "nofollow noopener";
    private static final Pattern NUMBER = Pattern.compile("^[0-9]{1,9}$");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
                    "em", "strong", "del", "s", "ul", "ol", "li", "a", "img",
                    "table", "thead", "tbody", "tr", "th", "td")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            // A link whose address was refused keeps only its text. The rel is written here rather than with
            // requireRelsOnLinks, whose order of rel values varies between runs.
            .allowElements((name, attributes) -> {
                if (!hasAttribute(attributes, "href")) {
                    return null;
                }
                attributes.add("rel");
                attributes.add(LINK_REL);
                return name;
            }, "a")
            // Images load from the reader's browser: only absolute http(s) addresses, never data: or relative ones.
            .allowAttributes("src").matching(HTTP_URL).onElements("img")
            .allowAttributes("alt", "title").onElements("img")
            // An image whose address was refused is dropped rather than shown broken.
            .allowElements((name, attributes) -> hasAttribute(attributes, "src") ? name : null, "img")
            .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
            .allowAttributes("align").matching(TABLE_ALIGNMENT).onElements("th", "td")
            .allowAttributes("start").matching(NUMBER).onElements("ol")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /** The sanitized HTML of the Markdown; {@code ""} for a null or blank text. */
    public String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(renderer.render(parser.parse(markdown)));
    }

    /** Whether a sanitizer attribute list (name, value, name, value, ...) names the attribute. */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
