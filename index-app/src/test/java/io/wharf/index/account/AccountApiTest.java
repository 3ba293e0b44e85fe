package io.wharf.index.account;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.wharf.index.IndexAppTestSupport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/users} and {@code /api/user}, and the error answers every API shares. */
class AccountApiTest extends IndexAppTestSupport {

    @Test
    void administratorsCreateAccountsWhosePasswordsAreNeverShown() {
        String name = uniqueName("user");

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name.toUpperCase() + "@Example.com",
                        "password", STRONG_PASSWORD, "administrator", true))
                .post("/api/users")
                .then().statusCode(201)
                .body("username", equalTo(name))
                .body("email", equalTo(name + "@example.com"))
                .body("administrator", equalTo(true))
                .body("emailConfirmed", equalTo(true))
                .body("locked", equalTo(false))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));

        as(name, STRONG_PASSWORD).get("/api/user").then().statusCode(200).body("administrator", equalTo(true));
        asAdmin().get("/api/users").then().statusCode(200).body("username", hasItems(ADMIN, name));
    }

    @Test
    void namesAndEmailAddressesAreUniqueAcrossUsersAndOrganizations() {
        String alice = createUser();
        String organization = createOrganization(alice);

        createAccount(Map.of("username", alice, "email", "other@example.com", "password", STRONG_PASSWORD))
                .then().statusCode(409).body("error", equalTo("conflict"));
        createAccount(Map.of("username", organization, "email", "other@example.com", "password", STRONG_PASSWORD))
                .then().statusCode(409);
        createAccount(Map.of("username", uniqueName("user"), "email", alice + "@example.com", "password", STRONG_PASSWORD))
                .then().statusCode(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Alice", "alice-smith", "alice_smith", "a234567890123456789012345678901", "ålice"})
    void usernamesFollowDockerHubsRules(String username) {
        createAccount(Map.of("username", username, "email", "x" + Math.abs(username.hashCode()) + "@example.com",
                "password", STRONG_PASSWORD))
                .then().statusCode(400).body("error", equalTo("validation_failed"))
                .body("fields.field", contains("username"))
                .body("message", equalTo("The username must be 4 to 30 lowercase letters and digits."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"library", "root", "administrator", "settings", "login", "signup", "explore", "search",
            "orgs", "static", "images"})
    void reservedNamesAreRefusedToSignUpAndToAdministrators(String username) {
        String reason = "the name " + username + " is reserved by Wharf";
        Map<String, Object> account = Map.of("username", username, "email", username + "@example.com",
                "password", STRONG_PASSWORD);
        anonymous().contentType(ContentType.JSON).body(account).post("/api/users")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.startsWith(reason));
        createAccount(account).then().statusCode(400).body("message", org.hamcrest.Matchers.startsWith(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "password", "12345678", "password1234", "1q2w3e4r5t6y", "wharf_pat_looks-like-a-token",
            "ééééééééééééééééééééééééééééééééééééé", "{username}-Lantern"})
    void weakOrUnusablePasswordsAreRefused(String password) {
        String username = uniqueName("user");
        createAccount(Map.of("username", username, "email", uniqueName("mail") + "@example.com",
                "password", password.replace("{username}", username)))
                .then().statusCode(400).body("error", equalTo("validation_failed"))
                .body("fields.field", contains("password"));
    }

    @Test
    void refusalsNameEachFieldWithAPlainMessage() {
        createAccount(Map.of("username", "Bad Name", "email", "not-an-email", "password", "password"))
                .then().statusCode(400).body("error", equalTo("validation_failed"))
                .body("fields.field", contains("email", "password", "username"))
                .body("fields[0].message", equalTo("Enter an email address such as name@example.com."))
                .body("fields[1].message", containsString("Choose a password of at least 10 characters."))
                .body("message", not(containsString("must be a well-formed")))
                .body("message", not(containsString("email:")));
        String alice = createUser();
        createAccount(Map.of("username", uniqueName("user"), "email", alice + "@example.com", "password", STRONG_PASSWORD))
                .then().statusCode(409)
                .body("fields.field", contains("email"))
                .body("message", equalTo("An account with this email address exists already."));
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(alice), "newPassword", "iloveyou1234"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(400)
                .body("fields.field", contains("newPassword"))
                .body("message", containsString("This password is too easy to guess."));
    }

    @Test
    void invalidBodiesAreBadRequests() {
        createAccount(Map.of("username", uniqueName("user"), "email", "not-an-email", "password", STRONG_PASSWORD))
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        createAccount(Map.of("email", "a@example.com"))
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        asAdmin().contentType(ContentType.JSON).body("{\"username\": ").post("/api/users")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        asAdmin().contentType(ContentType.JSON).body("[1, 2]").post("/api/users")
                .then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body("{\"username\": {\"x\": 1}}").post("/api/users")
                .then().statusCode(400);
        asAdmin().contentType(ContentType.TEXT).body("username=alice").post("/api/users")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
        asAdmin().delete("/api/users").then().statusCode(405).body("error", equalTo("method_not_allowed"));
        asAdmin().get("/api/nothing-here").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void malformedUrlsGetJsonErrorsToo() {
        // Tomcat itself refuses these before any servlet runs.
        asAdmin().urlEncodingEnabled(false).get("/api/users/a%2Fb")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("bad_request"));
        asAdmin().urlEncodingEnabled(false).get("/api/users/%00")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("bad_request"));
        // These reach the application.
        asAdmin().urlEncodingEnabled(false).get("/api/repositories?namespace=%FF")
                .then().statusCode(400).body("error", equalTo("bad_request"));
        asAdmin().delete("/api/tokens/{id}", "99999999999999999999999")
                .then().statusCode(400).body("message", equalTo("invalid value for id"));
    }

    @Test
    void anonymousClientsSignUpAsUnconfirmedNonAdministrators() {
        String name = uniqueName("user");

        anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@example.com", "password", passwordOf(name)))
                .post("/api/users")
                .then().statusCode(201)
                .body("administrator", equalTo(false))
                .body("emailConfirmed", equalTo(false));
        asUser(name).get("/api/user").then().statusCode(200).body("username", equalTo(name));

        anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", uniqueName("user"), "email", uniqueName("m") + "@example.com",
                        "password", STRONG_PASSWORD, "administrator", true))
                .post("/api/users")
                .then().statusCode(403);
    }

    @Test
    void onlyAdministratorsCreateAccountsForOthersAndListThem() {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("username", uniqueName("user"), "email", uniqueName("m") + "@example.com",
                        "password", STRONG_PASSWORD))
                .post("/api/users")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        asUser(alice).get("/api/users").then().statusCode(403);
        anonymous().get("/api/users").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"wharf\"");
    }

    @Test
    void usersSeeThemselvesAndAdministratorsSeeEveryone() {
        String alice = createUser();
        String bob = createUser();

        asUser(alice).get("/api/users/{name}", alice).then().statusCode(200).body("username", equalTo(alice));
        asUser(alice).get("/api/users/{name}", bob).then().statusCode(403);
        asAdmin().get("/api/users/{name}", bob).then().statusCode(200);
        asAdmin().get("/api/users/{name}", uniqueName("ghost")).then().statusCode(404);
        anonymous().get("/api/user").then().statusCode(401).body("error", equalTo("unauthorized"));
        as(alice, "wrong-password").get("/api/user").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"wharf\"")
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void administratorsLockConfirmAndPromoteButNeverLockThemselves() {
        String alice = createUser();

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true, "administrator", true))
                .patch("/api/users/{name}", alice)
                .then().statusCode(200).body("locked", equalTo(true)).body("administrator", equalTo(true));
        asUser(alice).get("/api/user").then().statusCode(401);

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", false)).patch("/api/users/{name}", alice)
                .then().statusCode(200).body("administrator", equalTo(true));
        asUser(alice).contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", alice)
                .then().statusCode(409);
        asUser(createUser()).contentType(ContentType.JSON).body(Map.of("emailConfirmed", true))
                .patch("/api/users/{name}", alice)
                .then().statusCode(403);
    }

    @Test
    void passwordsChangeWithTheCurrentOneOrByAnAdministrator() {
        String alice = createUser();

        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong-password", "newPassword", STRONG_PASSWORD + "-1"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(403);
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(alice), "newPassword", "short"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(400);
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(alice), "newPassword", STRONG_PASSWORD + "-1"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(204);
        as(alice, STRONG_PASSWORD + "-1").get("/api/user").then().statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("newPassword", STRONG_PASSWORD + "-2"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(204);
        as(alice, STRONG_PASSWORD + "-2").get("/api/user").then().statusCode(200);
        as(alice, STRONG_PASSWORD + "-1").get("/api/user").then().statusCode(401);
    }

    @Test
    void readOnlyAccessTokensOnlyRead() {
        String alice = createUser();
        String readOnly = createAccessToken(alice, "read-only");

        as(alice, readOnly).get("/api/user").then().statusCode(200);
        as(alice, readOnly).contentType(ContentType.JSON).body(Map.of("name", uniqueName("org")))
                .post("/api/organizations")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        as(alice, readOnly).contentType(ContentType.JSON)
                .body(Map.of("newPassword", STRONG_PASSWORD + "-3"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(403);
    }

    private Response createAccount(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(new HashMap<>(body)).post("/api/users");
    }
}
