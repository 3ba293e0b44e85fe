package io.wharf.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The index's REST API as the tests' administrator uses it to set up users, organizations and repositories. */
final class IndexApi {

    private final String baseUrl;

    IndexApi(WharfServers servers) {
        this.baseUrl = servers.indexUrl();
    }

    void createUser(String username, String password) {
        asAdmin().body(Map.of("username", username, "email", username + "@example.com", "password", password,
                        "emailConfirmed", true))
                .post("/api/users").then().statusCode(201);
    }

    void createOrganization(String name) {
        asAdmin().body(Map.of("name", name)).post("/api/organizations").then().statusCode(201);
    }

    void setMember(String organization, String username, String role) {
        asAdmin().body(Map.of("role", role))
                .put("/api/organizations/" + organization + "/members/" + username).then().statusCode(200);
    }

    void setVisibility(String repository, String visibility) {
        asAdmin().body(Map.of("visibility", visibility))
                .patch("/api/repositories/" + repository).then().statusCode(200);
    }

    /** A new personal access token of {@code username}; its secret, shown only once. */
    String createAccessToken(String username, String password, String scope) {
        return given().baseUri(baseUrl).auth().preemptive().basic(username, password).contentType(ContentType.JSON)
                .body(Map.of("name", "e2e " + scope, "scope", scope))
                .post("/api/tokens").then().statusCode(201)
                .extract().path("token");
    }

    private RequestSpecification asAdmin() {
        return given().baseUri(baseUrl).contentType(ContentType.JSON)
                .auth().preemptive().basic(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
    }
}
