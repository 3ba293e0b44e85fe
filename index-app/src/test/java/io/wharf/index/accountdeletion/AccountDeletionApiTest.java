package io.wharf.index.accountdeletion;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.wharf.index.IndexAppTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DELETE /api/users/<name>}: what it refuses, and that nothing of a deleted account keeps working. */
class AccountDeletionApiTest extends IndexAppTestSupport {

    @Test
    void deletingAnAccountEndsEverySignInAndEveryGrantAndFreesTheName() {
        String owner = createUser();
        String alice = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, alice, "write");
        createRepository(owner, owner + "/app", "private");
        putCollaborator(owner, owner + "/app", alice, "read");
        asUser(alice).put("/api/repositories/{ns}/app/-/star", owner).then().statusCode(204);
        String accessToken = createAccessToken(alice, "read-write");
        String identityToken = asUser(alice).queryParam("account", alice).queryParam("client_id", "docker")
                .queryParam("offline_token", "true").queryParam("service", SERVICE)
                .get("/v2/token").then().statusCode(200).extract().path("refresh_token");
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/api/namespaces/{ns}/robots", alice).then().statusCode(201);
        String robotToken = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "pipeline", "scope", "read-only"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", alice).then().statusCode(201).extract().path("token");
        token(as(alice + "+ci", robotToken));
        token(as(alice, accessToken));

        asAdmin().delete("/api/users/{name}", alice).then().statusCode(204);

        asAdmin().get("/api/users/{name}", alice).then().statusCode(404);
        asAdmin().get("/api/users").then().body("username", not(hasItem(alice)));
        asUser(alice).get("/api/user").then().statusCode(401);
        asUser(alice).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, accessToken).get("/api/user").then().statusCode(401);
        as(alice + "+ci", robotToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, accessToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        refreshGrant(identityToken).then().statusCode(401);
        asUser(owner).get("/api/organizations/{org}/members", organization).then().statusCode(200)
                .body("username", contains(owner));
        asUser(owner).get("/api/repositories/{ns}/app/-/collaborators", owner).then().statusCode(200)
                .body("username", not(hasItem(alice)));
        asUser(owner).get("/api/repositories/{ns}/app", owner).then().statusCode(200).body("starCount", equalTo(0));

        // The name is free again, and nothing of the old account carries over to the new one.
        createUser(alice);
        asUser(alice).get("/api/tokens").then().statusCode(200).body("size()", equalTo(0));
        asUser(alice).get("/api/namespaces/{ns}/robots", alice).then().statusCode(200).body("size()", equalTo(0));
        as(alice, accessToken).get("/api/user").then().statusCode(401);
    }

    @Test
    void anAccountWithRepositoriesIsKeptUntilTheyAreDeleted() {
        String alice = createUser();
        createRepository(alice, alice + "/app", "public");
        createRepository(alice, alice + "/web", "private");

        asAdmin().delete("/api/users/{name}", alice).then().statusCode(409)
                .body("message", equalTo(alice + " still has 2 repositories in the namespace " + alice
                        + "; delete them first (in each repository's settings), which also deletes the images in the registry."));
        asUser(alice).get("/api/user").then().statusCode(200);
    }

    @Test
    void theLastAdminOfAnOrganizationIsKept() {
        String alice = createUser();
        String organization = createOrganization(alice);

        asAdmin().delete("/api/users/{name}", alice).then().statusCode(409)
                .body("message", equalTo(alice + " is the last admin of the organization " + organization
                        + "; make another member an admin there first."));

        String bob = createUser();
        putMember(organization, alice, bob, "admin");
        asAdmin().delete("/api/users/{name}", alice).then().statusCode(204);
        asUser(bob).get("/api/organizations/{org}/members", organization).then().body("username", contains(bob));
    }

    @Test
    void administratorsCannotDeleteThemselvesAndOthersCannotDeleteAnyone() {
        asAdmin().delete("/api/users/{name}", ADMIN).then().statusCode(409)
                .body("message", equalTo("Administrators cannot delete their own account; ask another administrator."));

        String alice = createUser();
        String bob = createUser();
        asUser(alice).delete("/api/users/{name}", bob).then().statusCode(403);
        asUser(alice).delete("/api/users/{name}", alice).then().statusCode(403);
        asUser(bob).get("/api/user").then().statusCode(200);
        asAdmin().delete("/api/users/{name}", uniqueName("nobody")).then().statusCode(404);
    }

    private Response refreshGrant(String refreshToken) {
        return anonymous().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).formParam("service", SERVICE).formParam("client_id", "docker")
                .post("/v2/token");
    }
}
