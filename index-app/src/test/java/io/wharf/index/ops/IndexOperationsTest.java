package io.wharf.index.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.wharf.index.IndexAppTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The index's operations endpoints: health probes without details on the public port, health, info and prometheus
 * (and nothing else) on the loopback management port, and
 * its own metrics counting issued tokens and refused credentials.
 */
class IndexOperationsTest extends IndexAppTestSupport {

    @Test
    void healthLivenessAndReadinessAnswerWithoutDetails() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            management().get(path).then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(not(containsString("components")));
        }
        for (String probe : List.of("/livez", "/readyz")) {
            anonymous().get(probe).then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(not(containsString("components")));
        }
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposedOnTheManagementPort() {
        management().get("/actuator/info").then().statusCode(200);
        management().get("/actuator/prometheus").then().statusCode(200);
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/heapdump")) {
            assertThat(management().get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    /** The database (password hashes) and the signing key are for the index's account only, whatever the umask. */
    @Test
    void theIndexFolderAndItsKeyAreForTheOwnerOnly() throws Exception {
        Path folder = dataDir.resolve("index");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve("token-signing-key.json")))).isEqualTo("rw-------");
    }

    /** Metrics and health are for the operator: the public port has only the two probes. */
    @Test
    void thePublicPortServesNoActuatorEndpoint() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
                "/actuator/info")) {
            assertThat(anonymous().get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void issuedTokensAndRefusedCredentialsAreCounted() {
        String alice = createUser();
        double anonymousBefore = metric("wharf_index_tokens_issued_total", "grant", "anonymous");
        double basicBefore = metric("wharf_index_tokens_issued_total", "grant", "basic");
        double passwordBefore = metric("wharf_index_tokens_issued_total", "grant", "password");
        double tokenFailuresBefore = metric("wharf_index_auth_failures_total", "endpoint", "token");
        double apiFailuresBefore = metric("wharf_index_auth_failures_total", "endpoint", "api");

        anonymous().queryParam("service", SERVICE).get("/v2/token").then().statusCode(200);
        asUser(alice).queryParam("service", SERVICE).queryParam("scope", "repository:" + alice + "/app:pull")
                .get("/v2/token").then().statusCode(200);
        anonymous().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "username", alice, "password", passwordOf(alice),
                        "service", SERVICE))
                .post("/v2/token").then().statusCode(200);
        as(alice, "wrong-password").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, "wrong-password").get("/api/user").then().statusCode(401);
        // Not a failure: an anonymous request that needs a sign-in.
        anonymous().get("/api/user").then().statusCode(401);

        assertThat(metric("wharf_index_tokens_issued_total", "grant", "anonymous")).isEqualTo(anonymousBefore + 1);
        assertThat(metric("wharf_index_tokens_issued_total", "grant", "basic")).isEqualTo(basicBefore + 1);
        assertThat(metric("wharf_index_tokens_issued_total", "grant", "password")).isEqualTo(passwordBefore + 1);
        assertThat(metric("wharf_index_auth_failures_total", "endpoint", "token")).isEqualTo(tokenFailuresBefore + 1);
        assertThat(metric("wharf_index_auth_failures_total", "endpoint", "api")).isEqualTo(apiFailuresBefore + 1);
    }

    @Test
    void failedSignInsOnTheWebFormAreCounted() {
        String alice = createUser();
        double before = metric("wharf_index_auth_failures_total", "endpoint", "web");
        Response form = anonymous().get("/login").then().statusCode(200).extract().response();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.asString());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();

        anonymous().redirects().follow(false).cookies(form.getCookies()).contentType(ContentType.URLENC)
                .formParams(Map.of("username", alice, "password", "wrong-password", "_csrf", csrf.group(1)))
                .post("/login")
                .then().statusCode(302).header("Location", endsWith("/login?error"));

        assertThat(metric("wharf_index_auth_failures_total", "endpoint", "web")).isEqualTo(before + 1);
    }

    /** Each request is timed once; the security filters it passes are not observed one by one (their cost). */
    @Test
    void requestsAreTimedButNotEachSecurityFilter() {
        anonymous().get("/explore").then().statusCode(200);

        String metrics = management().get("/actuator/prometheus").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count{").contains("uri=\"/explore\"");
        assertThat(metrics).doesNotContain("spring_security_");
    }
}
