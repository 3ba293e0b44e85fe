package io.wharf.index.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.requester.SecretTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/tokens}: personal access tokens. */
class AccessTokenApiTest extends IndexAppTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSecretIsShownOnceAndTheListShowsUse() {
        String alice = createUser();
        String expiry = Instant.now().plusSeconds(3600).toString();

        JsonPath created = asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "ci laptop", "scope", "read-only", "expiresAt", expiry))
                .post("/api/tokens")
                .then().statusCode(201)
                .body("name", equalTo("ci laptop"))
                .body("scope", equalTo("read-only"))
                .body("expiresAt", equalTo(expiry))
                .body("lastUsedAt", nullValue())
                .body("token", startsWith("wharf_pat_"))
                .extract().jsonPath();

        asUser(alice).get("/api/tokens").then().statusCode(200)
                .body("id", contains(created.getInt("id")))
                .body("$", everyItem(not(hasKey("token"))))
                .body("lastUsedAt", contains(nullValue()));

        as(alice, created.getString("token")).get("/api/user").then().statusCode(200).body("username", equalTo(alice));
        String firstUse = asUser(alice).get("/api/tokens").then().statusCode(200)
                .body("lastUsedAt", contains(notNullValue())).extract().path("[0].lastUsedAt");

        // Uses within a minute leave the row as it is: a fleet's token requests read, they do not write.
        as(alice, created.getString("token")).get("/api/user").then().statusCode(200);
        asUser(alice).get("/api/tokens").then().statusCode(200).body("lastUsedAt", contains(firstUse));
    }

    @Test
    void onlyTheHashOfTheSecretIsStored() {
        String alice = createUser();

        String secret = createAccessToken(alice, "read-write");

        assertThat(jdbc.queryForList("select secret_hash from access_token", String.class))
                .contains(SecretTokens.hash(secret))
                .doesNotContain(secret);
    }

    @Test
    void revokedTokensStopWorking() {
        String alice = createUser();
        JsonPath created = asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "laptop", "scope", "read-write"))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath();

        asUser(createUser()).delete("/api/tokens/{id}", created.getLong("id")).then().statusCode(404);
        asUser(alice).delete("/api/tokens/{id}", created.getLong("id")).then().statusCode(204);

        as(alice, created.getString("token")).get("/api/user").then().statusCode(401);
        asUser(alice).delete("/api/tokens/{id}", created.getLong("id")).then().statusCode(404);
        asUser(alice).get("/api/tokens").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void invalidRequestsAreRefused() {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "read-write",
                        "expiresAt", Instant.now().minusSeconds(60).toString()))
                .post("/api/tokens").then().statusCode(400).body("error", equalTo("bad_request"));
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/tokens").then().statusCode(400).body("error", equalTo("validation_failed"));
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "everything"))
                .post("/api/tokens").then().statusCode(400);
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "read-write", "expiresAt", "tomorrow"))
                .post("/api/tokens").then().statusCode(400);
        asUser(alice).delete("/api/tokens/not-a-number").then().statusCode(400);
        anonymous().get("/api/tokens").then().statusCode(401);
    }
}
