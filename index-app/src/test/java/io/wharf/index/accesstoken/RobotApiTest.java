package io.wharf.index.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.wharf.index.IndexAppTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/namespaces/{namespace}/robots}: robot accounts, their permissions and tokens. */
class RobotApiTest extends IndexAppTestSupport {

    @Test
    void namespaceOwnersCreateRobotsWithPermissionsAndTokens() {
        String alice = createUser();
        createRepository(alice, alice + "/app", "private");
        createRepository(alice, alice + "/base", "private");

        createRobot(alice, alice, "deploy-bot").then().statusCode(201)
                .body("name", equalTo(alice + "+deploy-bot"))
                .body("namespace", equalTo(alice))
                .body("permissions", empty());
        setPermissions(alice, alice, "deploy-bot", List.of(
                Map.of("repository", alice + "/base", "role", "read"),
                Map.of("repository", alice + "/app", "role", "write")))
                .then().statusCode(200)
                .body("permissions.repository", contains(alice + "/app", alice + "/base"))
                .body("permissions.role", contains("write", "read"));
        String secret = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "pipeline", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/deploy-bot/tokens", alice)
                .then().statusCode(201).extract().path("token");

        assertThat(repositoryActions(as(alice + "+deploy-bot", secret), alice + "/app")).containsExactlyInAnyOrder("pull", "push");
        assertThat(repositoryActions(as(alice + "+deploy-bot", secret), alice + "/base")).containsExactly("pull");

        asUser(alice).get("/api/namespaces/{ns}/robots", alice).then().statusCode(200).body("name", contains(alice + "+deploy-bot"));
        asUser(alice).get("/api/namespaces/{ns}/robots/deploy-bot/tokens", alice)
                .then().statusCode(200).body("name", contains("pipeline"));
    }

    @Test
    void permissionsAreReplacedAsAWhole() {
        String alice = createUser();
        createRepository(alice, alice + "/app", "private");
        createRobot(alice, alice, "ci").then().statusCode(201);
        setPermissions(alice, alice, "ci", List.of(Map.of("repository", alice + "/app", "role", "write")))
                .then().statusCode(200);

        setPermissions(alice, alice, "ci", List.of()).then().statusCode(200).body("permissions", empty());
        asUser(alice).get("/api/namespaces/{ns}/robots/ci", alice).then().statusCode(200).body("permissions", empty());
    }

    @Test
    void robotsActOnlyOnExistingRepositoriesOfTheirNamespace() {
        String alice = createUser();
        String bob = createUser();
        createRepository(alice, alice + "/app", "private");
        createRepository(bob, bob + "/app", "public");
        createRobot(alice, alice, "ci").then().statusCode(201);

        setPermissions(alice, alice, "ci", List.of(Map.of("repository", bob + "/app", "role", "read")))
                .then().statusCode(400);
        setPermissions(alice, alice, "ci", List.of(Map.of("repository", alice + "/missing", "role", "read")))
                .then().statusCode(404);
        setPermissions(alice, alice, "ci", List.of(
                Map.of("repository", alice + "/app", "role", "read"),
                Map.of("repository", alice + "/app", "role", "write")))
                .then().statusCode(400);
        setPermissions(alice, alice, "ci", List.of(Map.of("repository", alice + "/app")))
                .then().statusCode(400).body("error", equalTo("validation_failed"));
    }

    @Test
    void onlyNamespaceAdminsManageRobots() {
        String owner = createUser();
        String writer = createUser();
        String stranger = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, writer, "write");

        createRobot(owner, organization, "ci").then().statusCode(201).body("name", equalTo(organization + "+ci"));
        createRobot(writer, organization, "other").then().statusCode(403);
        createRobot(stranger, owner, "other").then().statusCode(403);
        asUser(stranger).get("/api/namespaces/{ns}/robots", organization).then().statusCode(403);
        createRobot(owner, uniqueName("nobody"), "ci").then().statusCode(404);
        anonymous().get("/api/namespaces/{ns}/robots", organization).then().statusCode(401);
    }

    @Test
    void robotNamesAreCheckedAndUnique() {
        String alice = createUser();

        createRobot(alice, alice, "ci").then().statusCode(201);
        createRobot(alice, alice, "ci").then().statusCode(409);
        createRobot(alice, alice, "CI").then().statusCode(400);
        createRobot(alice, alice, "ci+x").then().statusCode(400);
        createRobot(alice, alice, "-ci").then().statusCode(400);
        createRobot(alice, alice, "c".repeat(31)).then().statusCode(400);
        asUser(alice).get("/api/namespaces/{ns}/robots/{robot}", alice, "missing").then().statusCode(404);
    }

    @Test
    void robotsCannotUseTheManagementApi() {
        String alice = createUser();
        createRobot(alice, alice, "ci").then().statusCode(201);
        String secret = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "t", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", alice)
                .then().statusCode(201).extract().path("token");

        as(alice + "+ci", secret).get("/api/user").then().statusCode(403);
        as(alice + "+ci", secret).contentType(ContentType.JSON).body(Map.of("name", "t", "scope", "read-write"))
                .post("/api/tokens").then().statusCode(403);
        as(alice + "+ci", secret).get("/api/namespaces/{ns}/robots", alice).then().statusCode(403);
        as(alice + "+ci", "a-password").get("/api/repositories").then().statusCode(401);
    }

    @Test
    void deletingARobotEndsItsTokens() {
        String alice = createUser();
        createRobot(alice, alice, "ci").then().statusCode(201);
        long tokenId = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "first", "scope", "read-only"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", alice)
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String kept = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "second", "scope", "read-only"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", alice)
                .then().statusCode(201).extract().path("token");

        asUser(alice).delete("/api/namespaces/{ns}/robots/ci/tokens/{id}", alice, tokenId).then().statusCode(204);
        asUser(alice).get("/api/namespaces/{ns}/robots/ci/tokens", alice).then().statusCode(200).body("name", contains("second"));
        as(alice + "+ci", kept).queryParam("service", SERVICE).get("/v2/token").then().statusCode(200);

        asUser(alice).delete("/api/namespaces/{ns}/robots/ci", alice).then().statusCode(204);
        as(alice + "+ci", kept).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        asUser(alice).get("/api/namespaces/{ns}/robots/ci", alice).then().statusCode(404);
    }

    private Response createRobot(String manager, String namespace, String name) {
        return asUser(manager).contentType(ContentType.JSON).body(Map.of("name", name, "description", "builds"))
                .post("/api/namespaces/{ns}/robots", namespace);
    }

    private Response setPermissions(String manager, String namespace, String robot, List<Map<String, String>> permissions) {
        return asUser(manager).contentType(ContentType.JSON).body(Map.of("permissions", permissions))
                .put("/api/namespaces/{ns}/robots/{robot}/permissions", namespace, robot);
    }
}
