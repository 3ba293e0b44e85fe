package io.wharf.index.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/repositories}: creation, visibility and collaborators. */
class RepositoryApiTest extends IndexAppTestSupport {

    @Test
    void ownersCreateRepositoriesPrivateByDefault() {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", alice + "/team/app"))
                .post("/api/repositories")
                .then().statusCode(201)
                .body("name", equalTo(alice + "/team/app"))
                .body("namespace", equalTo(alice))
                .body("visibility", equalTo("private"));
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", alice + "/team/app"))
                .post("/api/repositories")
                .then().statusCode(409);
    }

    @Test
    void topLevelRepositoriesAreCreatedByAdministratorsOnly() {
        String alice = createUser();
        String name = uniqueName("base");

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/repositories")
                .then().statusCode(403);
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/repositories")
                .then().statusCode(201).body("name", equalTo("library/" + name)).body("namespace", equalTo("library"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"App", "/app", "Alice/app", "%s/", "%s/App", "%s/app//x", "%s/-app", "abc/app"})
    void invalidNamesAreBadRequests(String pattern) {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", pattern.formatted(alice)))
                .post("/api/repositories")
                .then().statusCode(400).body("error", equalTo("bad_request"));
    }

    @Test
    void nobodyCreatesRepositoriesInSomeoneElsesNamespace() {
        String alice = createUser();
        String bob = createUser();

        asUser(bob).contentType(ContentType.JSON).body(Map.of("name", alice + "/app")).post("/api/repositories")
                .then().statusCode(403);
        asUser(bob).contentType(ContentType.JSON).body(Map.of("name", uniqueName("nobody") + "/app"))
                .post("/api/repositories")
                .then().statusCode(404);
        anonymous().contentType(ContentType.JSON).body(Map.of("name", alice + "/app")).post("/api/repositories")
                .then().statusCode(401);
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", alice + "/by-admin", "visibility", "public"))
                .post("/api/repositories")
                .then().statusCode(201).body("visibility", equalTo("public"));
    }

    @Test
    void privateRepositoriesAreHiddenFromOthers() {
        String alice = createUser();
        String bob = createUser();
        createRepository(alice, alice + "/public-app", "public");
        createRepository(alice, alice + "/private-app", "private");

        anonymous().get("/api/repositories/" + alice + "/public-app").then().statusCode(200);
        anonymous().get("/api/repositories/" + alice + "/private-app").then().statusCode(404);
        asUser(bob).get("/api/repositories/" + alice + "/private-app").then().statusCode(404);
        asUser(alice).get("/api/repositories/" + alice + "/private-app").then().statusCode(200);
        asAdmin().get("/api/repositories/" + alice + "/private-app").then().statusCode(200);

        anonymous().get("/api/repositories?namespace=" + alice)
                .then().statusCode(200).body("name", contains(alice + "/public-app"));
        asUser(bob).get("/api/repositories")
                .then().statusCode(200)
                .body("name", hasItem(alice + "/public-app"))
                .body("name", not(hasItem(alice + "/private-app")));
        asUser(alice).get("/api/repositories?namespace=" + alice)
                .then().statusCode(200).body("name", contains(alice + "/private-app", alice + "/public-app"));
        asUser(bob).get("/api/repositories?namespace=" + bob).then().statusCode(200).body("$", empty());
    }

    @Test
    void listingsIncludeOrganizationsAndCollaborations() {
        String alice = createUser();
        String bob = createUser();
        String organization = createOrganization(alice);
        putMember(organization, alice, bob, "read");
        createRepository(alice, organization + "/internal", "private");
        createRepository(alice, alice + "/shared", "private");
        putCollaborator(alice, alice + "/shared", bob, "read");

        asUser(bob).get("/api/repositories")
                .then().statusCode(200).body("name", hasItems(organization + "/internal", alice + "/shared"));
    }

    @Test
    void repositoryAdminsChangeTheVisibility() {
        String alice = createUser();
        String bob = createUser();
        createRepository(alice, alice + "/app", "private");
        putCollaborator(alice, alice + "/app", bob, "write");

        asUser(bob).contentType(ContentType.JSON).body(Map.of("visibility", "public"))
                .patch("/api/repositories/" + alice + "/app")
                .then().statusCode(403);
        assertThat(repositoryActions(anonymous(), alice + "/app")).isEmpty();

        asUser(alice).contentType(ContentType.JSON).body(Map.of("visibility", "public"))
                .patch("/api/repositories/" + alice + "/app")
                .then().statusCode(200).body("visibility", equalTo("public"));
        anonymous().get("/api/repositories/" + alice + "/app").then().statusCode(200);
        assertThat(repositoryActions(anonymous(), alice + "/app")).containsExactly("pull");

        asUser(alice).contentType(ContentType.JSON).body(Map.of("visibility", "secret"))
                .patch("/api/repositories/" + alice + "/app")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        anonymous().contentType(ContentType.JSON).body(Map.of("visibility", "private"))
                .patch("/api/repositories/" + alice + "/app")
                .then().statusCode(401);
    }

    @Test
    void collaboratorsGetTheirRoleOnARepositoryWithSlashesInItsName() {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/team/app";
        createRepository(alice, repository, "private");

        assertThat(repositoryActions(asUser(bob), repository)).isEmpty();
        putCollaborator(alice, repository, bob, "write");
        assertThat(repositoryActions(asUser(bob), repository)).containsExactlyInAnyOrder("pull", "push");

        asUser(alice).get("/api/repositories/" + repository + "/-/collaborators")
                .then().statusCode(200).body("username", contains(bob)).body("role", contains("write"));
        asUser(bob).get("/api/repositories/" + repository + "/-/collaborators").then().statusCode(403);

        putCollaborator(alice, repository, bob, "admin");
        assertThat(repositoryActions(asUser(bob), repository)).containsExactlyInAnyOrder("pull", "push", "delete");
        asUser(bob).get("/api/repositories/" + repository + "/-/collaborators").then().statusCode(200);

        asUser(alice).delete("/api/repositories/" + repository + "/-/collaborators/" + bob).then().statusCode(204);
        assertThat(repositoryActions(asUser(bob), repository)).isEmpty();
        asUser(alice).delete("/api/repositories/" + repository + "/-/collaborators/" + bob).then().statusCode(404);
    }

    @Test
    void unknownUsersAndSubresourcesAreNotFound() {
        String alice = createUser();
        createRepository(alice, alice + "/app", "private");

        asUser(alice).contentType(ContentType.JSON).body(Map.of("role", "read"))
                .put("/api/repositories/" + alice + "/app/-/collaborators/" + uniqueName("ghost"))
                .then().statusCode(404);
        asUser(alice).get("/api/repositories/" + alice + "/app/-/labels").then().statusCode(404);
        asUser(alice).contentType(ContentType.JSON).body(Map.of("role", "read"))
                .put("/api/repositories/" + alice + "/app")
                .then().statusCode(404);
        asUser(alice).delete("/api/repositories/" + alice + "/missing").then().statusCode(404);
        asUser(alice).contentType(ContentType.JSON).body(Map.of("visibility", "public"))
                .patch("/api/repositories/" + alice + "/app/-/collaborators")
                .then().statusCode(404);
        asUser(alice).get("/api/repositories/" + alice + "/missing").then().statusCode(404);
    }
}
