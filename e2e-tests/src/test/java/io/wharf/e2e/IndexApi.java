package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The index's REST API as the tests' administrator uses it to set up users, organizations and repositories. */
final class IndexApi {

    /**
     * A password the index's password policy accepts (at least 10 characters, hard to guess, without the user's name)
     * for the users tests create; tests that need several append "-1", "-2"...
     */
    static final String STRONG_PASSWORD = "Tidal-Quartz-Lantern-42";

    private final String baseUrl;

    IndexApi(WharfServers servers) {
        this.baseUrl = servers.indexUrl();
    }

    void createUser(String username, String password) {
        asAdmin().body(Map.of("username", username, "email", username + "@example.com", "password", password,
                        "emailConfirmed", true))
                .post("/api/users").then().statusCode(201);
    }

    /** A user who signed up and has yet to confirm their email address. */
    void createUnconfirmedUser(String username, String password) {
        asAdmin().body(Map.of("username", username, "email", username + "@example.com", "password", password,
                        "emailConfirmed", false))
                .post("/api/users").then().statusCode(201);
    }

    void lockUser(String username) {
        asAdmin().body(Map.of("locked", true)).patch("/api/users/" + username).then().statusCode(200);
    }

    /**
     * A robot {@code <namespace>+<name>} that the namespace's user creates, with {@code role} on each of
     * {@code repositories} (which must exist); the secret of a new read-write token of it.
     */
    String createRobot(String namespace, String password, String name, String role, List<String> repositories) {
        RequestSpecification owner = as(namespace, password);
        owner.body(Map.of("name", name)).post("/api/namespaces/" + namespace + "/robots").then().statusCode(201);
        owner.body(Map.of("permissions", repositories.stream()
                        .map(repository -> Map.of("repository", repository, "role", role)).toList()))
                .put("/api/namespaces/" + namespace + "/robots/" + name + "/permissions").then().statusCode(200);
        return owner.body(Map.of("name", "e2e", "scope", "read-write"))
                .post("/api/namespaces/" + namespace + "/robots/" + name + "/tokens").then().statusCode(201)
                .extract().path("token");
    }

    /** A private repository, created by {@code owner}. */
    void createRepository(String owner, String password, String fullName) {
        createRepository(as(owner, password), fullName, "private");
    }

    void createOrganization(String name) {
        asAdmin().body(Map.of("name", name)).post("/api/organizations").then().statusCode(201);
    }

    void setMember(String organization, String username, String role) {
        asAdmin().body(Map.of("role", role))
                .put("/api/organizations/" + organization + "/members/" + username).then().statusCode(200);
    }

    /** A team of the organization with {@code role} on its {@code repositories}, filled from a directory group. */
    void createDirectoryTeam(String organization, String team, String role, List<String> repositories,
            String directoryGroup) {
        asAdmin().body(Map.of("name", team, "role", role, "allRepositories", false, "repositories", repositories,
                        "directoryGroup", directoryGroup))
                .post("/api/organizations/" + organization + "/teams").then().statusCode(201);
    }

    void lock(String username) {
        asAdmin().body(Map.of("locked", true)).patch("/api/users/" + username).then().statusCode(200);
    }

    void setVisibility(String repository, String visibility) {
        updateRepository(repository, Map.of("visibility", visibility));
    }

    void setShortDescription(String repository, String description) {
        updateRepository(repository, Map.of("shortDescription", description));
    }

    void star(String repository, String username, String password) {
        as(username, password).put("/api/repositories/" + repository + "/-/star").then().statusCode(204);
    }

    /** The repository's tags as the index knows them: name → digest. */
    Map<String, String> tags(String repository) {
        return tagDetails(repository).stream()
                .collect(Collectors.toMap(tag -> (String) tag.get("name"), tag -> (String) tag.get("digest")));
    }

    /** {@link #tags}, none while the index does not know the repository (yet, or any more). */
    Map<String, String> tagsIfKnown(String repository) {
        var response = asAdmin().get("/api/repositories/" + repository + "/-/tags");
        return response.statusCode() == 404 ? Map.of() : tags(repository);
    }

    /** The repository's tags as the index shows them: name, digest, media type, size, platforms, push time. */
    List<Map<String, Object>> tagDetails(String repository) {
        return asAdmin().get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Rebuilds the index's repository and tag metadata from the registry ({@code POST /api/admin/reconcile}). */
    void reconcile() {
        asAdmin().post("/api/admin/reconcile").then().statusCode(200);
    }

    /** The repository's push count as the index recorded it, or -1 while the index does not know it. */
    int pushCount(String repository) {
        return counter(repository, "pushCount");
    }

    /** The repository's pull count as the registry reported it, or -1 while the index does not know it. */
    int pullCount(String repository) {
        return counter(repository, "pullCount");
    }

    /** Pulls that started by {@code tag}, as the REST API's tag list shows them. */
    int tagPullCount(String repository, String tag) {
        return asAdmin().get("/api/repositories/" + repository + "/-/tags").then().statusCode(200)
                .extract().path("find { it.name == '" + tag + "' }.pullCount");
    }

    private int counter(String repository, String field) {
        var response = asAdmin().get("/api/repositories/" + repository);
        return response.statusCode() == 404 ? -1 : response.then().statusCode(200).extract().path(field);
    }

    private void updateRepository(String repository, Map<String, String> changes) {
        asAdmin().body(changes).patch("/api/repositories/" + repository).then().statusCode(200);
    }

    /**
     * Creates or replaces the pull-through cache {@code name} ({@code PUT /api/admin/proxies/<name>}) with
     * {@code settings} (upstream, visibility, mirror, revalidateAfterSeconds, sizeLimitBytes...).
     */
    void putPullThroughCache(String name, Map<String, Object> settings) {
        asAdmin().body(settings).put("/api/admin/proxies/" + name).then().statusCode(anyOf(is(200), is(201)));
    }

    /** What the registry holds and counts of the cache: the {@code registry} part of its admin view. */
    Map<String, Object> pullThroughCacheCounters(String name) {
        return asAdmin().get("/api/admin/proxies/" + name).then().statusCode(200).extract().path("registry");
    }

    /** A new personal access token of {@code username}; its secret, shown only once. */
    String createAccessToken(String username, String password, String scope) {
        return as(username, password).body(Map.of("name", "e2e " + scope, "scope", scope))
                .post("/api/tokens").then().statusCode(201)
                .extract().path("token");
    }

    /** Creates an empty repository with {@code visibility}, as the administrator (who may in any namespace). */
    void createRepositoryAsAdmin(String fullName, String visibility) {
        createRepository(asAdmin(), fullName, visibility);
    }

    private static void createRepository(RequestSpecification creator, String fullName, String visibility) {
        creator.body(Map.of("name", fullName, "visibility", visibility)).post("/api/repositories").then().statusCode(201);
    }

    RequestSpecification asAdmin() {
        return as(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
    }

    private RequestSpecification as(String username, String password) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).auth().preemptive().basic(username, password);
    }
}
