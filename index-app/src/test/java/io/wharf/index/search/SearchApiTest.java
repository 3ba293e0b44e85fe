package io.wharf.index.search;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.IndexProperties;
import io.wharf.index.signing.RegistryTokenIssuer;
import io.wharf.index.signing.SigningKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code GET /v1/search}, as the Docker engine calls it through the registry. */
class SearchApiTest extends IndexAppTestSupport {

    @Autowired
    private SigningKeyStore signingKeys;

    @Autowired
    private IndexProperties properties;

    /** Low, so that counting the engine's empty-password requests as failures would show. */
    @DynamicPropertySource
    static void strictThrottle(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.login-throttle.free-failures", () -> 3);
        registry.add("wharf.index.login-throttle.first-delay", () -> "2m");
        registry.add("wharf.index.login-throttle.trusted-proxies", () -> "127.0.0.1");
    }

    @Test
    void answersInTheLayoutTheDockerCliParses() {
        String alice = createUser();
        String term = uniqueName("layout");
        createRepository(alice, alice + "/" + term, "public");
        describe(alice, alice + "/" + term, "a " + term + " image");

        anonymous().header("X-Docker-Token", "true").queryParam("q", term).queryParam("n", 25).get("/v1/search")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("query", equalTo(term))
                .body("num_results", equalTo(1))
                .body("num_pages", equalTo(1))
                .body("page", equalTo(1))
                .body("page_size", equalTo(25))
                .body("results", equalTo(List.of(Map.of("name", alice + "/" + term,
                        "description", "a " + term + " image", "star_count", 0,
                        "is_official", false, "is_automated", false))));
    }

    @Test
    void topLevelRepositoriesAreTheOfficialOnes() {
        String term = uniqueName("base");
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", term, "visibility", "public"))
                .post("/api/repositories").then().statusCode(201);

        search(anonymous(), term)
                .body("results.name", contains("library/" + term))
                .body("results.is_official", contains(true));
    }

    @Test
    void anonymousClientsFindPublicRepositoriesOnlyAndOwnersTheirPrivateOnesToo() {
        String alice = createUser();
        String term = uniqueName("vis");
        createRepository(alice, alice + "/" + term + "-public", "public");
        createRepository(alice, alice + "/" + term + "-private", "private");

        search(anonymous(), term).body("results.name", contains(alice + "/" + term + "-public"));
        search(asUser(createUser()), term).body("results.name", contains(alice + "/" + term + "-public"));
        search(asUser(alice), term)
                .body("results.name", contains(alice + "/" + term + "-private", alice + "/" + term + "-public"));
        search(as(alice, createAccessToken(alice, "read-only")), term).body("num_results", equalTo(2));
    }

    @Test
    void wrongPasswordsInSearchesDelayOnlyThoseSearchesNeverTheOwnersSignIn() {
        String alice = createUser();
        String term = uniqueName("guess");
        createRepository(alice, alice + "/" + term + "-private", "private");

        // The registry forwards searches from its own address; here it is 10.9.0.1.
        for (int i = 0; i < 6; i++) {
            search(as(alice, "guess-" + i).header("X-Forwarded-For", "10.9.0.1"), term).body("num_results", equalTo(0));
        }
        search(asUser(alice).header("X-Forwarded-For", "10.9.0.1"), term).body("num_results", equalTo(0));

        asUser(alice).header("X-Forwarded-For", "10.9.0.2").get("/api/user").then().statusCode(200);
        asUser(alice).header("X-Forwarded-For", "10.9.0.2").queryParam("service", SERVICE).get("/v2/token")
                .then().statusCode(200);
        search(asUser(alice).header("X-Forwarded-For", "10.9.0.2"), term).body("num_results", equalTo(1));
    }

    @Test
    void credentialsThatProveNothingSearchAnonymouslyWithoutBeingThrottled() {
        String alice = createUser();
        String term = uniqueName("cred");
        createRepository(alice, alice + "/" + term + "-public", "public");
        createRepository(alice, alice + "/" + term + "-private", "private");

        // What the engine sends after a `docker login` that stored an identity token: alice with no password.
        for (int i = 0; i < 5; i++) {
            search(as(alice, ""), term).body("results.name", contains(alice + "/" + term + "-public"));
        }
        search(as(alice, "wrong-password"), term).body("num_results", equalTo(1));
        anonymous().header("Authorization", "Basic !!!").queryParam("q", term).get("/v1/search")
                .then().statusCode(200).body("num_results", equalTo(1));

        asUser(alice).get("/api/user").then().statusCode(200);
    }

    @Test
    void registryTokensForCatalogSearchIdentifyTheirSubject() {
        String alice = createUser();
        String term = uniqueName("bearer");
        createRepository(alice, alice + "/" + term + "-public", "public");
        createRepository(alice, alice + "/" + term + "-private", "private");
        String searchToken = token(asUser(alice), "registry:catalog:search").getString("token");
        String pullToken = token(asUser(alice), "repository:" + alice + "/" + term + "-private:pull").getString("token");

        search(anonymous().header("Authorization", "Bearer " + searchToken), term).body("num_results", equalTo(2));
        search(anonymous().header("Authorization", "Bearer " + pullToken), term).body("num_results", equalTo(1));
        search(anonymous().header("Authorization", "Bearer " + searchToken.substring(0, searchToken.length() - 4) + "AAAA"),
                term).body("num_results", equalTo(1));
        String anonymousToken = token(anonymous(), "registry:catalog:search").getString("token");
        search(anonymous().header("Authorization", "Bearer " + anonymousToken), term).body("num_results", equalTo(1));
    }

    /** The registry's rule ({@code RegistryTokenVerification}): honoured until exp + 30 s, never later. */
    @Test
    void registryTokensExpireForSearchAsTheyDoForTheRegistry() throws Exception {
        String alice = createUser();
        String term = uniqueName("expiry");
        createRepository(alice, alice + "/" + term + "-public", "public");
        createRepository(alice, alice + "/" + term + "-private", "private");
        Duration lifetime = properties.token().lifetime();

        String withinSkew = tokenIssuedAt(Instant.now().minus(lifetime).minusSeconds(20), alice);
        String pastSkew = tokenIssuedAt(Instant.now().minus(lifetime).minusSeconds(45), alice);

        search(anonymous().header("Authorization", "Bearer " + withinSkew), term).body("num_results", equalTo(2));
        search(anonymous().header("Authorization", "Bearer " + pastSkew), term).body("num_results", equalTo(1));
    }

    private String tokenIssuedAt(Instant issuedAt, String subject) throws Exception {
        return new RegistryTokenIssuer(signingKeys, properties, Clock.fixed(issuedAt, ZoneOffset.UTC))
                .issue(subject, List.of(new AccessEntry(AccessEntry.REGISTRY, AccessEntry.CATALOG,
                        Set.of(AccessEntry.SEARCH)))).jwt();
    }

    @Test
    void ranksExactNamesThenPrefixesThenOtherMatchesThenStars() {
        String alice = createUser();
        String bob = createUser();
        String term = uniqueName("rank");
        for (String name : new String[] {"x-" + term, term + "-tools", term, "other", "zz-" + term}) {
            createRepository(alice, alice + "/" + name, "public");
        }
        describe(alice, alice + "/other", "works with " + term);
        asUser(bob).put("/api/repositories/" + alice + "/zz-" + term + "/-/star").then().statusCode(204);

        search(anonymous(), term).body("results.name", contains(
                alice + "/" + term,
                alice + "/" + term + "-tools",
                alice + "/zz-" + term,
                alice + "/other",
                alice + "/x-" + term))
                .body("results[2].star_count", equalTo(1));
        search(anonymous(), alice + "/" + term).body("results[0].name", equalTo(alice + "/" + term));
        search(anonymous(), term.toUpperCase()).body("num_results", equalTo(5));
    }

    @Test
    void pagesAreCappedAtAHundred() {
        String alice = createUser();
        String term = uniqueName("page");
        for (int i = 0; i < 7; i++) {
            createRepository(alice, alice + "/" + term + "-" + i, "public");
        }

        anonymous().queryParam("q", term).queryParam("n", 3).queryParam("page", 3).get("/v1/search")
                .then().statusCode(200)
                .body("num_results", equalTo(7)).body("num_pages", equalTo(3))
                .body("page", equalTo(3)).body("page_size", equalTo(3))
                .body("results.name", contains(alice + "/" + term + "-6"));
        anonymous().queryParam("q", term).queryParam("n", 3).queryParam("page", 4).get("/v1/search")
                .then().statusCode(200).body("results", empty());
        anonymous().queryParam("q", term).queryParam("n", 1000).get("/v1/search")
                .then().statusCode(200).body("page_size", equalTo(100)).body("num_results", equalTo(7));
        anonymous().queryParam("q", term).queryParam("n", 0).get("/v1/search").then().statusCode(400);
        anonymous().queryParam("q", term).queryParam("page", "x").get("/v1/search").then().statusCode(400);
    }

    @Test
    void pagesFollowOneRankingToTheEndWithPrivateMatchesOnlyForThoseWhoMayPull() {
        String alice = createUser();
        String bob = createUser();
        String term = uniqueName("paged");
        for (String name : new String[] {"b-" + term, term + "-b", term, "a-" + term, term + "-a", "c-" + term}) {
            createRepository(alice, alice + "/" + name, "public");
        }
        createRepository(alice, alice + "/" + term + "-secret", "private");
        asUser(bob).put("/api/repositories/" + alice + "/c-" + term + "/-/star").then().statusCode(204);

        List<String> ranking = List.of(alice + "/" + term, alice + "/" + term + "-a", alice + "/" + term + "-b",
                alice + "/c-" + term, alice + "/a-" + term, alice + "/b-" + term);
        for (int page = 1; page <= 3; page++) {
            anonymous().queryParam("q", term).queryParam("n", 2).queryParam("page", page).get("/v1/search")
                    .then().statusCode(200)
                    .body("num_results", equalTo(6)).body("num_pages", equalTo(3))
                    .body("results.name", contains(ranking.get(2 * page - 2), ranking.get(2 * page - 1)));
        }
        asUser(alice).queryParam("q", term).queryParam("n", 2).queryParam("page", 2).get("/v1/search")
                .then().statusCode(200)
                .body("num_results", equalTo(7)).body("num_pages", equalTo(4))
                .body("results.name", contains(alice + "/" + term + "-b", alice + "/" + term + "-secret"));
        anonymous().queryParam("q", term).queryParam("n", 100).queryParam("page", Integer.MAX_VALUE)
                .get("/v1/search")
                .then().statusCode(200).body("num_results", equalTo(6)).body("results", empty());
    }

    @Test
    void anEmptyQueryListsEverythingVisibleAndWildcardsAreLiteral() {
        String alice = createUser();
        createRepository(alice, alice + "/listed", "public");

        anonymous().queryParam("n", 100).get("/v1/search")
                .then().statusCode(200).body("query", equalTo("")).body("results.name", hasItem(alice + "/listed"));
        search(anonymous(), "%").body("num_results", equalTo(0));
        search(anonymous(), "_").body("results.name", not(hasItem(alice + "/listed")));
    }

    /** Search reads a snapshot of every repository; no change may wait for the next one, and none may leak. */
    @Test
    void everyChangeShowsInTheNextSearch() {
        String alice = createUser();
        String bob = createUser();
        String organization = createOrganization(alice);
        String term = uniqueName("fresh");
        String repository = alice + "/" + term;
        createRepository(alice, repository, "public");
        search(anonymous(), term).body("results.name", contains(repository));

        describe(alice, repository, "now about " + term + "-described");
        search(anonymous(), term + "-described").body("results.name", contains(repository));

        asUser(alice).contentType(ContentType.JSON).body(Map.of("visibility", "private"))
                .patch("/api/repositories/" + repository).then().statusCode(200);
        search(anonymous(), term).body("num_results", equalTo(0)).body("results", empty());
        search(asUser(bob), term).body("num_results", equalTo(0));
        search(asUser(alice), term).body("results.name", contains(repository));
        // Grants are read from the database at each search: nothing in the snapshot changes with them.
        putCollaborator(alice, repository, bob, "read");
        search(asUser(bob), term).body("results.name", contains(repository));

        String organizations = organization + "/" + term;
        createRepository(alice, organizations, "private");
        search(asUser(bob), term).body("results.name", contains(repository));
        putMember(organization, alice, bob, "read");
        search(asUser(bob), term).body("results.name", contains(organizations, repository));

        createRepository(alice, alice + "/" + term + "-starred", "public");
        search(anonymous(), term).body("results.name", contains(alice + "/" + term + "-starred"));
        asUser(bob).put("/api/repositories/" + alice + "/" + term + "-starred/-/star").then().statusCode(204);
        search(anonymous(), term).body("results[0].star_count", equalTo(1));

        sendEvents(event("delete", Map.of("repository", alice + "/" + term + "-starred"),
                Instant.now().plus(Duration.ofMinutes(1))));
        search(anonymous(), term).body("num_results", equalTo(0)).body("results", empty());
        search(asUser(alice), term).body("num_results", equalTo(2));
    }

    /** More private matches than are asked about by id: the user's private repositories are read along their index. */
    @Test
    void manyPrivateMatchesAreShownToThoseWhoMayPullThemOnly() {
        String alice = createUser();
        String bob = createUser();
        String term = uniqueName("many");
        Instant at = Instant.now();
        @SuppressWarnings("unchecked")
        Map<String, Object>[] pushes = IntStream.range(0, 1001)
                .mapToObj(i -> tagPush(alice + "/" + term + "-" + i, "v1", digest(term + i), at)).toArray(Map[]::new);
        sendEvents(pushes);

        search(asUser(alice), term).body("num_results", equalTo(1001))
                .body("results[0].name", equalTo(alice + "/" + term + "-0"));
        search(asUser(bob), term).body("num_results", equalTo(0));
        search(anonymous(), term).body("num_results", equalTo(0));
    }

    private ValidatableResponse search(RequestSpecification client, String query) {
        return client.queryParam("q", query).get("/v1/search").then().statusCode(200);
    }

    private void describe(String admin, String repository, String shortDescription) {
        asUser(admin).contentType(ContentType.JSON).body(Map.of("shortDescription", shortDescription))
                .patch("/api/repositories/" + repository)
                .then().statusCode(200);
    }
}
