package io.wharf.registry.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 5988 {@code Link: <url>; rel="next"} pagination of tag and catalog listings. */
public final class Links {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private Links() {
    }

    /** The target of the {@code rel="next"} link, as a path, or null when the response has none. */
    public static String next(Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as("Link header with rel=\"next\": " + link).isTrue();
        return RegistryClient.path(matcher.group(1));
    }

    /**
     * Follows the next links from {@code first} to the end and returns every name, checking each page has at most
     * {@code pageSize} names and that only the last page lacks a link.
     */
    public static List<String> collect(RegistryClient registry, String first, int pageSize,
            Function<Response, List<String>> names) {
        List<String> all = new ArrayList<>();
        String path = first;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pagination should end").isLessThan(10_000);
            Response page = registry.given().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            List<String> pageNames = names.apply(page);
            assertThat(pageNames.size()).as(path).isLessThanOrEqualTo(pageSize);
            path = next(page);
            if (path != null) {
                assertThat(pageNames).as("a page with a next link is full: " + path).hasSize(pageSize);
            }
            all.addAll(pageNames);
        }
        return all;
    }
}
