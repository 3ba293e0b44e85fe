package io.wharf.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wharf.index.webhook.WebhookReceiver;
import io.wharf.registry.support.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The index on a real PostgreSQL server (a fresh database on the machine's cluster): the same Flyway migrations
 * that run on H2 create the schema, and the main flows work on it with the same SQL. Skipped locally without
 * PostgreSQL, failing in CI.
 */
class PostgresIndexTest extends IndexAppTestSupport {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create("index");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        // Read when the context starts, after createDatabase: "--spring.datasource.url=jdbc:postgresql://...".
        for (String key : new String[] {"url", "username", "password"}) {
            registry.add("spring.datasource." + key, () -> datasourceProperties().get("spring.datasource." + key));
        }
        registry.add("wharf.index.login-throttle.free-failures", () -> 2);
        registry.add("wharf.index.login-throttle.first-delay", () -> "2m");
        registry.add("wharf.index.webhooks.allow-private-targets", () -> true);
        registry.add("wharf.index.webhooks.first-retry", () -> "50ms");
        registry.add("wharf.index.webhooks.poll-interval", () -> "100ms");
    }

    private static Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String argument : database.datasourceArguments()) {
            String keyAndValue = argument.substring("--".length());
            int equals = keyAndValue.indexOf('=');
            properties.put(keyAndValue.substring(0, equals), keyAndValue.substring(equals + 1));
        }
        return properties;
    }

    @Test
    void runsOnPostgresql() {
        anonymous().get("/readyz").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void failedSignInsAreCountedAndDelayedOnPostgresql() {
        String bob = createUser();
        for (int attempt = 1; attempt <= 3; attempt++) {
            as(bob, "wrong-" + attempt).get("/api/user").then().statusCode(401);
        }
        asUser(bob).get("/api/user").then().statusCode(429).header("Retry-After", equalTo("120"));
        asUser(createUser()).get("/api/user").then().statusCode(200);
    }

    @Test
    void usersTokensRepositoriesEventsAndSearchWorkOnPostgresql() {
        String alice = createUser();
        String secret = createAccessToken(alice, "read-write");
        asUser(alice).get("/api/user").then().statusCode(200).body("username", equalTo(alice));
        as(alice, secret).get("/api/user").then().statusCode(200).body("username", equalTo(alice));

        String repository = alice + "/" + uniqueName("pg");
        createRepository(alice, repository, "public");
        sendEvents(tagPush(repository, "v1", digest(repository), Instant.now()));

        as(alice, secret).get("/api/repositories/" + repository).then().statusCode(200)
                .body("name", equalTo(repository));
        assertThat(repositoryActions(as(alice, secret), repository))
                .containsExactlyInAnyOrder("pull", "push", "delete");
        anonymous().queryParam("q", repository.substring(repository.indexOf('/') + 1)).get("/v1/search")
                .then().statusCode(200).body("results.name", contains(repository));
    }

    /** The tables' own SQL (joins, visibility subqueries, counts going up, pages) in PostgreSQL's dialect. */
    @Test
    void organizationsTeamsCollaboratorsStarsRobotsAndPullsWorkOnPostgresql() {
        String alice = createUser();
        String bob = createUser();
        String carol = createUser();
        String organization = createOrganization(alice);
        putMember(organization, alice, bob, "read");
        putMember(organization, alice, bob, "write");
        asUser(alice).get("/api/organizations/{org}/members", organization).then().statusCode(200)
                .body("username", contains(alice, bob)).body("role", contains("admin", "write"));

        String app = organization + "/app";
        createRepository(alice, app, "private");
        Instant at = Instant.parse("2030-01-01T12:00:00Z");
        sendEvents(tagPush(app, "v1", digest("v1"), at), tagPush(app, "v2", digest("v2"), at.plusSeconds(1)));
        sendEvents(event("pull", Map.of("repository", app, "count", 2, "tags",
                Map.of("v1", Map.of("count", 2, "lastPulledAt", "2030-01-01T12:00:08Z"))), at.plusSeconds(10)));
        asUser(bob).get("/api/repositories/" + app).then().statusCode(200)
                .body("pushCount", equalTo(2)).body("pullCount", equalTo(2));
        asUser(bob).get("/api/repositories/" + app + "/-/tags").then().statusCode(200)
                .body("name", contains("v1", "v2")).body("pullCount", contains(2, 0))
                .body("[0].lastPulledAt", equalTo("2030-01-01T12:00:08Z"));

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "builders", "role", "write",
                        "allRepositories", false, "repositories", List.of("app")))
                .post("/api/organizations/{org}/teams", organization).then().statusCode(201);
        asUser(alice).put("/api/organizations/{org}/teams/builders/members/{user}", organization, carol)
                .then().statusCode(200).body("members", contains(carol));
        assertThat(repositoryActions(asUser(carol), app)).containsExactlyInAnyOrder("pull", "push");

        putCollaborator(alice, app, carol, "read");
        putCollaborator(alice, app, carol, "admin");
        asUser(alice).get("/api/repositories/" + app + "/-/collaborators").then().statusCode(200)
                .body("username", contains(carol)).body("role", contains("admin"));
        asUser(carol).put("/api/repositories/" + app + "/-/star").then().statusCode(204);
        asUser(carol).get("/api/repositories/" + app).then().statusCode(200)
                .body("starCount", equalTo(1)).body("starred", equalTo(true));
        asUser(carol).get("/api/repositories").then().statusCode(200).body("name", hasItem(app));
        asUser(carol).queryParam("q", "app").get("/v1/search").then().statusCode(200).body("results.name", hasItem(app));

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/api/namespaces/{ns}/robots", organization).then().statusCode(201);
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of(Map.of("repository", app, "role", "write"))))
                .put("/api/namespaces/{ns}/robots/ci/permissions", organization).then().statusCode(200)
                .body("permissions.repository", contains(app));
        String robotSecret = asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "deploy", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", organization).then().statusCode(201)
                .extract().path("token");
        assertThat(repositoryActions(as(organization + "+ci", robotSecret), app))
                .containsExactlyInAnyOrder("pull", "push");

        String site = organization + "/site";
        createRepository(alice, site, "public");
        sendEvents(tagPush(site, "stable_1", digest("stable"), at));
        anonymous().get("/explore").then().statusCode(200).body(containsString(site));
        anonymous().queryParam("q", "e_1").get("/r/" + site).then().statusCode(200).body(containsString("stable_1"));

        // The stored tag count and the keyset pages in push order, to the microsecond, both ways.
        sendEvents(IntStream.range(0, 26).mapToObj(i -> tagPush(site, "build-" + i, digest("build" + i),
                at.plusMillis(1000 + i).plusNanos(1000))).toArray(Map[]::new));
        String firstPage = anonymous().get("/r/" + site).then().statusCode(200)
                .body(containsString("id=\"tag-count\">(27)</span>")).extract().asString();
        Matcher next = Pattern.compile("id=\"next-tags\" href=\"[^?]*\\?sort=pushed&amp;after=([^\"]+)\"")
                .matcher(firstPage);
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).isEqualTo(at.plusMillis(1001).plusNanos(1000) + ",build-1");
        anonymous().queryParam("after", next.group(1)).get("/r/" + site).then().statusCode(200)
                .body(containsString("data-tag=\"build-0\""), containsString("data-tag=\"stable_1\""),
                        not(containsString("data-tag=\"build-1\"")), containsString("id=\"previous-tags\""));
        anonymous().queryParam("before", at.plusMillis(1000).plusNanos(1000) + ",build-0").get("/r/" + site)
                .then().statusCode(200).body(containsString("data-tag=\"build-25\""),
                        containsString("data-tag=\"build-1\""), not(containsString("id=\"previous-tags\"")));
    }

    /** Explore's pages start after a position its links carry: a push time and a name, bound as they are. */
    @Test
    void explorePagesFollowPositionsOnPostgresql() {
        String alice = createUser();
        Instant latest = Instant.parse("2126-01-01T12:00:00.123456Z");
        for (String name : List.of("tie-b", "tie-a")) {
            createRepository(alice, alice + "/" + name, "public");
            sendEvents(tagPush(alice + "/" + name, "v1", digest(alice + name), latest));
        }
        createRepository(alice, alice + "/older", "public");
        sendEvents(tagPush(alice + "/older", "v1", digest(alice + "older"), latest.minusSeconds(60)));
        createRepository(alice, alice + "/never", "public");

        String afterFirstTie = anonymous().queryParam("after", latest + "~" + alice + "/tie-a").get("/explore").then()
                .statusCode(200).extract().asString();
        assertThat(afterFirstTie).doesNotContain("/r/" + alice + "/tie-a\"").contains("/r/" + alice + "/never\"");
        assertThat(afterFirstTie.indexOf("/r/" + alice + "/tie-b\"")).isPositive()
                .isLessThan(afterFirstTie.indexOf("/r/" + alice + "/older\""));
        anonymous().queryParam("after", "never~" + alice + "/a").get("/explore").then().statusCode(200)
                .body(containsString("/r/" + alice + "/never\""));
        anonymous().queryParam("before", "never~" + alice + "/never").get("/explore").then().statusCode(200)
                .body(containsString("/r/" + alice + "/older\""));
    }

    /** Timestamps come back from PostgreSQL as they went in, to the microsecond: the keyset pages meet exactly. */
    @Test
    void theAuditLogPagesAndExportsOnPostgresql() {
        String alice = createUser();
        String organization = createOrganization(alice);
        createRepository(alice, organization + "/app", "private");
        asUser(alice).contentType("application/json").body(Map.of("visibility", "public"))
                .patch("/api/repositories/" + organization + "/app").then().statusCode(200);

        List<String> actions = new ArrayList<>();
        String next = null;
        do {
            JsonPath page = asAdmin().queryParam("actor", alice).queryParam("limit", 1)
                    .queryParams(next == null ? Map.of() : Map.of("before", next))
                    .get("/api/admin/audit-log").then().statusCode(200).extract().jsonPath();
            actions.addAll(page.getList("entries.action"));
            next = page.getString("next");
        } while (next != null && actions.size() < 10);
        assertThat(actions).containsExactly("repository.visibility-changed", "repository.created",
                "organization.created");
        assertThat(asAdmin().queryParam("actor", alice).get("/api/admin/audit-log/export").then().statusCode(200)
                .extract().asString().lines()).hasSize(3).first().asString().contains("\"before\":{\"visibility\":\"private\"}");
    }

    /** The outbox's claims, retries and history in PostgreSQL's SQL dialect. */
    @Test
    void webhookDeliveriesAreClaimedRetriedAndRecordedOnPostgresql() throws Exception {
        String alice = createUser();
        String repository = alice + "/" + uniqueName("hooked");
        sendEvents(tagPush(repository, "v1", digest(repository), Instant.now()));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.failNext.set(1);
            long hook = ((Number) asUser(alice).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("push")))
                    .post("/api/webhooks?repository=" + repository)
                    .then().statusCode(201).extract().path("id")).longValue();

            sendEvents(tagPush(repository, "v2", digest(repository + "2"), Instant.now()));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received.size() == 2);
            asUser(alice).get("/api/webhooks/{id}/attempts", hook).then().statusCode(200)
                    .body("statusCode", contains(200, 503));
            asUser(alice).get("/api/webhooks/{id}/deliveries", hook).then().statusCode(200)
                    .body("state", contains("delivered")).body("attempts", contains(2));
        }
    }
}
