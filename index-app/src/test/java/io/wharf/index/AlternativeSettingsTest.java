package io.wharf.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The {@code wharf.index.*} settings change what the index does. */
class AlternativeSettingsTest extends IndexAppTestSupport {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.signup.enabled", () -> false);
        registry.add("wharf.index.signup.require-email-confirmation", () -> false);
        registry.add("wharf.index.default-visibility", () -> "public");
        registry.add("wharf.index.token.issuer", () -> "https://index.example.com");
        registry.add("wharf.index.token.service", () -> "registry.example.com");
        registry.add("wharf.index.token.lifetime", () -> "15m");
        registry.add("wharf.index.token.identity-tokens", () -> false);
    }

    /** Without identity tokens docker keeps the password, and podman can log in beside it. */
    @Test
    void identityTokensCanBeTurnedOff() {
        String alice = createUser();
        anonymous().auth().preemptive().basic(alice, passwordOf(alice))
                .queryParam("service", "registry.example.com")
                .queryParam("account", alice).queryParam("client_id", "docker").queryParam("offline_token", "true")
                .get("/v2/token")
                .then().statusCode(200)
                .body("token", notNullValue())
                .body("$", not(hasKey("refresh_token")));
        anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", alice).formParam("password", passwordOf(alice))
                .formParam("service", "registry.example.com").formParam("client_id", "podman")
                .formParam("access_type", "offline")
                .post("/v2/token")
                .then().statusCode(200)
                .body("$", not(hasKey("refresh_token")));
    }

    @Test
    void signUpCanBeDisabled() {
        String name = uniqueName("user");
        anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@example.com", "password", passwordOf(name)))
                .post("/api/users")
                .then().statusCode(403).body("error", equalTo("forbidden"));

        createUser(name);
    }

    @Test
    void issuerServiceAndLifetimeAreConfigurable() throws Exception {
        JsonPath answer = anonymous().queryParam("service", "registry.example.com").get("/v2/token")
                .then().statusCode(200).extract().jsonPath();
        JWTClaimsSet claims = SignedJWT.parse(answer.getString("token")).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("https://index.example.com");
        assertThat(claims.getAudience()).containsExactly("registry.example.com");
        assertThat(answer.getLong("expires_in")).isEqualTo(900);
        anonymous().queryParam("service", SERVICE).get("/v2/token").then().statusCode(400);
    }

    @Test
    void repositoriesCreatedByPushingGetTheConfiguredVisibility() {
        String alice = createUser();

        anonymous().auth().preemptive().basic(alice, passwordOf(alice))
                .queryParam("service", "registry.example.com")
                .queryParam("scope", "repository:" + alice + "/app:push")
                .get("/v2/token")
                .then().statusCode(200);

        anonymous().get("/api/repositories/" + alice + "/app").then().statusCode(200).body("visibility", equalTo("public"));
    }

    @Test
    void withoutRequiredConfirmationUnconfirmedUsersPush() {
        String alice = createUser();
        asAdmin().contentType(ContentType.JSON).body(Map.of("emailConfirmed", false)).patch("/api/users/{name}", alice)
                .then().statusCode(200);

        String jwt = asUser(alice).queryParam("service", "registry.example.com")
                .queryParam("scope", "repository:" + alice + "/other:push")
                .get("/v2/token").then().statusCode(200).extract().path("token");

        assertThat(grants(jwt)).containsEntry(alice + "/other", Set.of("push"));
    }
}
