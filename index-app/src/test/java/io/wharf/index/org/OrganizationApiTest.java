package io.wharf.index.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code /api/organizations} and their members. */
@ExtendWith(OutputCaptureExtension.class)
class OrganizationApiTest extends IndexAppTestSupport {

    @Test
    void theCreatorBecomesTheFirstAdmin() {
        String alice = createUser();
        String name = uniqueName("org");

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/organizations")
                .then().statusCode(201).body("name", equalTo(name)).body("role", equalTo("admin"));

        asUser(alice).get("/api/organizations/{org}/members", name)
                .then().statusCode(200)
                .body("username", contains(alice))
                .body("role", contains("admin"));
        asUser(alice).get("/api/organizations").then().statusCode(200).body("name", contains(name));
        asAdmin().get("/api/organizations").then().statusCode(200).body("name", hasItem(name));
    }

    @Test
    void organizationNamesFollowTheNamespaceRules() {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", alice)).post("/api/organizations")
                .then().statusCode(409);
        asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "Acme-Corp")).post("/api/organizations")
                .then().statusCode(400);
        asUser(alice).contentType(ContentType.JSON).body(Map.of()).post("/api/organizations")
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        anonymous().contentType(ContentType.JSON).body(Map.of("name", uniqueName("org"))).post("/api/organizations")
                .then().statusCode(401);
    }

    @Autowired
    private OrganizationService organizations;

    @Autowired
    private OfficialNamespaceBootstrap officialNamespace;

    @Test
    void aNameTakenBeforeItWasReservedKeepsWorkingAndTheStartWarnsAboutIt(CapturedOutput output) {
        // What an installation upgraded from a version without the reserved list may hold.
        organizations.createBuiltIn("explore");

        officialNamespace.run(null);

        assertThat(output.getAll()).contains("These users or organizations hold names that are now reserved: [explore]")
                .contains("docs/operations.md, Reserved names");
        asAdmin().get("/api/organizations/explore").then().statusCode(200);
    }

    @Test
    void reservedNamesAreRefusedAndLibraryIsTheBuiltInOrganization() {
        String alice = createUser();
        for (String reserved : List.of("library", "admin", "settings", "explore")) {
            asUser(alice).contentType(ContentType.JSON).body(Map.of("name", reserved)).post("/api/organizations")
                    .then().statusCode(400)
                    .body("message", equalTo("the name " + reserved + " is reserved by Wharf (it names one of its own"
                            + " pages, paths or built-in organizations); choose another one"));
            asAdmin().contentType(ContentType.JSON).body(Map.of("name", reserved)).post("/api/organizations")
                    .then().statusCode(400);
        }
        asAdmin().get("/api/organizations/library").then().statusCode(200).body("name", equalTo("library"));
        asAdmin().get("/api/organizations/library/members").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void adminsManageMembersAndTheirRoles() {
        String owner = createUser();
        String bob = createUser();
        String carol = createUser();
        String organization = createOrganization(owner);

        putMember(organization, owner, bob, "write");
        putMember(organization, owner, carol, "read");
        asUser(owner).get("/api/organizations/{org}/members", organization)
                .then().statusCode(200)
                .body("username", contains(owner, bob, carol))
                .body("role", contains("admin", "write", "read"));

        asUser(bob).get("/api/organizations/{org}", organization).then().statusCode(200).body("role", equalTo("write"));
        asUser(bob).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .put("/api/organizations/{org}/members/{user}", organization, bob)
                .then().statusCode(403);

        putMember(organization, owner, carol, "write");
        asUser(owner).delete("/api/organizations/{org}/members/{user}", organization, carol).then().statusCode(204);
        asUser(carol).get("/api/organizations/{org}", organization).then().statusCode(403);
        asUser(owner).delete("/api/organizations/{org}/members/{user}", organization, carol).then().statusCode(404);
    }

    @Test
    void membersMayLeaveButTheLastAdminStays() {
        String owner = createUser();
        String bob = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, bob, "read");

        asUser(bob).delete("/api/organizations/{org}/members/{user}", organization, bob).then().statusCode(204);
        asUser(owner).delete("/api/organizations/{org}/members/{user}", organization, owner)
                .then().statusCode(409).body("error", equalTo("conflict"));
        asUser(owner).contentType(ContentType.JSON).body(Map.of("role", "write"))
                .put("/api/organizations/{org}/members/{user}", organization, owner)
                .then().statusCode(409);

        putMember(organization, owner, bob, "admin");
        asUser(owner).delete("/api/organizations/{org}/members/{user}", organization, owner).then().statusCode(204);
        asUser(bob).get("/api/organizations/{org}/members", organization)
                .then().statusCode(200).body("username", not(hasItem(owner)));
    }

    @Test
    void outsidersSeeNothingAndBadInputIsRefused() {
        String owner = createUser();
        String outsider = createUser();
        String organization = createOrganization(owner);

        asUser(outsider).get("/api/organizations/{org}", organization).then().statusCode(403);
        asUser(outsider).get("/api/organizations/{org}/members", organization).then().statusCode(403);
        asUser(outsider).get("/api/organizations").then().statusCode(200).body("name", not(hasItem(organization)));
        asUser(outsider).get("/api/organizations/{org}", uniqueName("none")).then().statusCode(404);
        asUser(owner).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .put("/api/organizations/{org}/members/{user}", organization, outsider)
                .then().statusCode(400).body("message", equalTo("\"owner\" is not a valid Role; use one of: read, write, admin"));
        asUser(owner).contentType(ContentType.JSON).body(Map.of("role", "read"))
                .put("/api/organizations/{org}/members/{user}", organization, uniqueName("ghost"))
                .then().statusCode(404);
    }

    @Test
    void writersCreateRepositoriesInTheOrganizationAndReadersDoNot() {
        String owner = createUser();
        String writer = createUser();
        String reader = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, writer, "write");
        putMember(organization, owner, reader, "read");

        createRepository(writer, organization + "/by-writer", "private");
        asUser(reader).contentType(ContentType.JSON).body(Map.of("name", organization + "/by-reader"))
                .post("/api/repositories")
                .then().statusCode(403);
        asUser(reader).get("/api/repositories/" + organization + "/by-writer").then().statusCode(200);
    }
}
