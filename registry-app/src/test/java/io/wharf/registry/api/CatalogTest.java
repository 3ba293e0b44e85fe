package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.Links;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/_catalog?n=&last=}. Other test classes share the registry, so these tests look at the repositories
 * they created (all under one prefix) and at properties of the whole listing.
 */
class CatalogTest extends RegistryApiTest {

    private String prefix;
    private List<String> created;

    @BeforeEach
    void createRepositories() {
        prefix = newRepository("catalog");
        created = List.of(prefix + "/a", prefix + "/b", prefix + "/b/deeper", prefix + "/c", prefix + "/d-e");
        // pushed out of order
        for (String repository : new String[] {created.get(3), created.get(0), created.get(4), created.get(2),
                created.get(1)}) {
            registry.pushBlob(repository, TestBlob.random(8));
        }
    }

    @Test
    void listsRepositoriesInLexicalOrder() {
        Response response = registry.given().get("/v2/_catalog");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        List<String> all = response.jsonPath().getList("repositories");
        assertThat(all).containsSubsequence(created).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void nAndLastSelectAPage() {
        Response response = registry.given().get("/v2/_catalog?n=2&last=" + created.get(0));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("repositories")).containsExactly(created.get(1), created.get(2));
        assertThat(Links.next(response)).startsWith("/v2/_catalog?").contains("n=2")
                .contains("last=" + created.get(2));
    }

    @Test
    void nZeroAnswersAnEmptyListWithoutLink() {
        Response response = registry.given().get("/v2/_catalog?n=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("repositories")).isEmpty();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void followingTheLinksPagesThroughTheWholeCatalog() {
        List<String> unpaged = registry.given().get("/v2/_catalog").jsonPath().getList("repositories");

        List<String> paged = Links.collect(registry, "/v2/_catalog?n=3", 3,
                page -> page.jsonPath().getList("repositories"));

        // repositories other tests create meanwhile can only appear, never disappear
        assertThat(paged).isSorted().doesNotHaveDuplicates().containsAll(unpaged).containsSubsequence(created);
    }

    @Test
    void aPageStartingAfterTheLastRepositoryIsEmpty() {
        Response response = registry.given().get("/v2/_catalog?last=zzzzzzzz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("repositories")).isEmpty();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void anInvalidNAnswers400() {
        List<Response> responses = new ArrayList<>();
        for (String n : new String[] {"-1", "x", "2.5"}) {
            Response response = registry.given().get("/v2/_catalog?n=" + n);
            assertThat(response.statusCode()).as("n=" + n).isEqualTo(400);
            responses.add(response);
        }
        responses.forEach(response -> OciErrors.assertErrorStatus(response, 400));
    }
}
