package io.wharf.index.security;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.wharf.index.IndexAppTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes to the REST API that another web site could make a browser send with the Basic credentials it remembers
 * (forms, text, no body type) are refused before anything happens; what such a site cannot send works as before.
 */
class CrossSiteWritesTest extends IndexAppTestSupport {

    @Test
    void aFormPostWithAnAdministratorsCredentialsDoesNotReconcile() {
        refused(asAdmin().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/api/admin/reconcile"));
        refused(asAdmin().post("/api/admin/reconcile"));
    }

    @Test
    void postsThatABrowserSendsAnywhereAreRefusedOnEveryWriteEndpoint() {
        String alice = createUser();
        refused(asUser(alice).contentType(ContentType.TEXT).body("{\"name\":\"" + uniqueName("org") + "\"}")
                .post("/api/organizations"));
        refused(asUser(alice).multiPart("name", "ci").multiPart("scope", "read-write").post("/api/tokens"));
        refused(asUser(alice).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("name", "app").post("/api/repositories"));
        refused(anonymous().contentType(ContentType.URLENC).formParam("username", uniqueName("user"))
                .formParam("email", "x@example.com").formParam("password", "a-long-password-1").post("/api/users"));
    }

    @Test
    void jsonWritesAndTheMethodsBrowsersMustAskForStillWork() {
        String alice = createUser();
        long id = asUser(alice).contentType(ContentType.JSON).body(Map.of("name", "ci", "scope", "read-write"))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getLong("id");
        asUser(alice).delete("/api/tokens/{id}", id).then().statusCode(204);
        // Reconcile has no body: the JSON type is what tells it from a form. (No registry runs here: 503.)
        asAdmin().contentType(ContentType.JSON).post("/api/admin/reconcile").then().statusCode(503);
    }

    private static ValidatableResponse refused(Response response) {
        return response.then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("message", equalTo(CrossSiteWriteFilter.MESSAGE));
    }
}
