package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.Links;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/<name>/tags/list?n=&last=} (end-8a, end-8b). */
class TagListTest extends RegistryApiTest {

    private static final List<String> TAGS = List.of("1.0", "1.1", "2.0", "latest", "v1", "v2", "v2.1", "zeta");

    @Test
    void listsAllTagsInLexicalOrder() {
        String repository = tagged("all", "zeta", "v2", "1.0", "latest", "2.0", "v1", "1.1", "v2.1");

        Response response = registry.given().get("/v2/" + repository + "/tags/list");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("name")).isEqualTo(repository);
        assertThat(response.jsonPath().getList("tags")).containsExactlyElementsOf(TAGS);
        assertThat(response.header("Link")).isNull();
    }

    /**
     * The spec allows lexical or "ASCIIbetical" order (Go's {@code sort.Strings}); clients that merge pages or compare
     * lists sort that way, so the registry lists in byte order: upper case before lower case.
     */
    @Test
    void tagsAreListedInAsciiOrder() {
        String repository = tagged("mixedcase", "beta", "Alpha", "delta", "Charlie", "1.0", "_x", "B-1");

        assertThat(tags("/v2/" + repository + "/tags/list"))
                .containsExactly("1.0", "Alpha", "B-1", "Charlie", "_x", "beta", "delta");
    }

    /** With tags that differ only in case, paging with {@code last} must neither skip nor repeat any of them. */
    @Test
    void pagingThroughMixedCaseTagsSkipsAndRepeatsNothing() {
        String repository = tagged("casepaging", "b", "A", "a", "B", "c", "ab", "Ab", "aB", "AB", "a1", "A_");
        List<String> unpaged = tags("/v2/" + repository + "/tags/list");

        assertThat(unpaged).hasSize(11).doesNotHaveDuplicates()
                .isSorted();
        for (int n = 1; n <= 4; n++) {
            assertThat(Links.collect(registry, "/v2/" + repository + "/tags/list?n=" + n, n,
                    page -> page.jsonPath().getList("tags"))).as("n=" + n).containsExactlyElementsOf(unpaged);
        }
    }

    @Test
    void nLimitsThePageAndLinksToTheNext() {
        String repository = tagged("paged", TAGS.toArray(String[]::new));

        Response response = registry.given().get("/v2/" + repository + "/tags/list?n=3");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("tags")).containsExactly("1.0", "1.1", "2.0");
        String next = Links.next(response);
        assertThat(next).startsWith("/v2/" + repository + "/tags/list?").contains("n=3").contains("last=2.0");
    }

    @Test
    void lastStartsAfterTheNamedTag() {
        String repository = tagged("last", TAGS.toArray(String[]::new));

        assertThat(tags("/v2/" + repository + "/tags/list?n=2&last=latest")).containsExactly("v1", "v2");
        assertThat(tags("/v2/" + repository + "/tags/list?last=v2")).containsExactly("v2.1", "zeta");
        assertThat(tags("/v2/" + repository + "/tags/list?last=m")).containsExactly("v1", "v2", "v2.1", "zeta");
        Response pastTheEnd = registry.given().get("/v2/" + repository + "/tags/list?n=5&last=zeta");
        assertThat(pastTheEnd.jsonPath().getList("tags")).isEmpty();
        assertThat(pastTheEnd.header("Link")).isNull();
    }

    @Test
    void nZeroAnswersAnEmptyListWithoutLink() {
        String repository = tagged("nzero", TAGS.toArray(String[]::new));

        Response response = registry.given().get("/v2/" + repository + "/tags/list?n=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("tags")).isEmpty();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void aPageThatEndsTheListHasNoLink() {
        String repository = tagged("exact", "a", "b", "c", "d");

        Response lastPage = registry.given().get("/v2/" + repository + "/tags/list?n=2&last=b");
        Response wholeList = registry.given().get("/v2/" + repository + "/tags/list?n=4");

        assertThat(lastPage.jsonPath().getList("tags")).containsExactly("c", "d");
        assertThat(wholeList.jsonPath().getList("tags")).containsExactly("a", "b", "c", "d");
        assertThat(wholeList.header("Link")).isNull();
        if (lastPage.header("Link") != null) {
            // a link is allowed here, but then it must lead to an empty page
            assertThat(tags(Links.next(lastPage))).isEmpty();
        }
    }

    @Test
    void followingTheLinksPagesThroughEveryTag() {
        String repository = tagged("follow", TAGS.toArray(String[]::new));

        for (int n = 1; n <= TAGS.size() + 1; n++) {
            List<String> all = Links.collect(registry, "/v2/" + repository + "/tags/list?n=" + n, n,
                    page -> page.jsonPath().getList("tags"));
            assertThat(all).as("n=" + n).containsExactlyElementsOf(TAGS);
        }
    }

    @Test
    void aRepositoryWithoutTagsListsNone() {
        String repository = newRepository("untagged");
        registry.pushBlob(repository, TestBlob.random(10));

        Response response = registry.given().get("/v2/" + repository + "/tags/list");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("name")).isEqualTo(repository);
        assertThat(response.jsonPath().getList("tags")).isEmpty();
    }

    @Test
    void anInvalidNAnswers400() {
        String repository = tagged("badn", "a");

        List<Response> responses = new ArrayList<>();
        for (String n : new String[] {"-1", "abc", "1.5", "99999999999999999999"}) {
            Response response = registry.given().get("/v2/" + repository + "/tags/list?n=" + n);
            assertThat(response.statusCode()).as("n=" + n).isEqualTo(400);
            responses.add(response);
        }
        responses.forEach(response -> OciErrors.assertErrorStatus(response, 400));
    }

    @Test
    void anUnknownRepositoryAnswersNameUnknown() {
        OciErrors.assertError(registry.given().get("/v2/" + newRepository("nosuchrepo") + "/tags/list"), 404,
                "NAME_UNKNOWN");
    }

    /** A repository with one manifest under each of {@code tags}. */
    private String tagged(String hint, String... tags) {
        String repository = newRepository(hint);
        ManifestDocument manifest = registry.ociImage(repository);
        for (String tag : tags) {
            registry.pushManifest(repository, tag, manifest);
        }
        return repository;
    }

    private List<String> tags(String path) {
        Response response = registry.given().get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.jsonPath().getList("tags");
    }
}
