package io.wharf.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.support.PostgresTestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The index on a real PostgreSQL server (a fresh database on the machine's cluster): the same Flyway migrations
 * that run on H2 create the schema, Hibernate validates it, and the main flows work on it. Skipped locally without
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
}
