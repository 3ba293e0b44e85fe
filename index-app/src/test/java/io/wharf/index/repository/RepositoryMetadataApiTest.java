package io.wharf.index.repository;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptions and stars of {@code /api/repositories}. */
class RepositoryMetadataApiTest extends IndexAppTestSupport {

    @Test
    void repositoryAdminsWriteTheDescriptions() {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        putCollaborator(alice, repository, bob, "write");
        String markdown = "# App\n\nRuns *everything*.\n\n```sh\ndocker run app\n```\n";

        asUser(bob).contentType(ContentType.JSON).body(Map.of("shortDescription", "by bob"))
                .patch("/api/repositories/" + repository)
                .then().statusCode(403);
        anonymous().contentType(ContentType.JSON).body(Map.of("shortDescription", "anonymous"))
                .patch("/api/repositories/" + repository)
                .then().statusCode(401);
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("shortDescription", "An app that runs everything", "fullDescription", markdown))
                .patch("/api/repositories/" + repository)
                .then().statusCode(200)
                .body("shortDescription", equalTo("An app that runs everything"))
                .body("fullDescription", equalTo(markdown))
                .body("visibility", equalTo("public"));

        anonymous().get("/api/repositories/" + repository)
                .then().statusCode(200)
                .body("shortDescription", equalTo("An app that runs everything"))
                .body("fullDescription", equalTo(markdown));
        anonymous().get("/api/repositories?namespace=" + alice)
                .then().statusCode(200)
                .body("[0].shortDescription", equalTo("An app that runs everything"))
                .body("[0]", not(hasKey("fullDescription")));
    }

    @Test
    void descriptionsAreValidated() {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "private");

        for (Map<String, Object> invalid : List.<Map<String, Object>>of(
                Map.of("shortDescription", "x".repeat(101)),
                Map.of("shortDescription", "two\nlines"),
                Map.of("fullDescription", "x".repeat(100_001)))) {
            asUser(alice).contentType(ContentType.JSON).body(invalid).patch("/api/repositories/" + repository)
                    .then().statusCode(400).body("error", equalTo("validation_failed"));
        }
        asUser(alice).contentType(ContentType.JSON).body(Map.of()).patch("/api/repositories/" + repository)
                .then().statusCode(400).body("error", equalTo("bad_request"));
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("shortDescription", "é".repeat(100), "fullDescription", "x".repeat(100_000)))
                .patch("/api/repositories/" + repository)
                .then().statusCode(200);
        asUser(alice).contentType(ContentType.JSON).body(Map.of("shortDescription", ""))
                .patch("/api/repositories/" + repository)
                .then().statusCode(200).body("shortDescription", equalTo("")).body("visibility", equalTo("private"));
    }

    @Test
    void signedInReadersStarRepositories() {
        String alice = createUser();
        String bob = createUser();
        String carol = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        createRepository(alice, alice + "/secret", "private");
        String star = "/api/repositories/" + repository + "/-/star";

        asUser(bob).put(star).then().statusCode(204);
        asUser(bob).put(star).then().statusCode(204);
        asUser(carol).put(star).then().statusCode(204);
        anonymous().put(star).then().statusCode(401);
        asUser(bob).put("/api/repositories/" + alice + "/secret/-/star").then().statusCode(404);

        asUser(bob).get("/api/repositories/" + repository)
                .then().body("starCount", equalTo(2)).body("starred", equalTo(true));
        asUser(alice).get("/api/repositories/" + repository).then().body("starred", equalTo(false));
        anonymous().get("/api/repositories/" + repository).then().body("starCount", equalTo(2)).body("starred", equalTo(false));
        anonymous().get("/api/repositories?namespace=" + alice).then().body("[0].starCount", equalTo(2));

        asUser(bob).delete(star).then().statusCode(204);
        asUser(bob).delete(star).then().statusCode(204);
        asUser(bob).get("/api/repositories/" + repository)
                .then().body("starCount", equalTo(1)).body("starred", equalTo(false));
    }

    @Test
    void readOnlyTokensDoNotStar() {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");

        as(alice, createAccessToken(alice, "read-only")).put("/api/repositories/" + repository + "/-/star")
                .then().statusCode(403);
    }
}
