package io.wharf.index.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wharf.index.IndexAppTestSupport;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Repeated sign-in failures over HTTP. The test client is a trusted proxy, so {@code X-Forwarded-For} names the
 * client address and one test can play several clients.
 */
class LoginThrottlingTest extends IndexAppTestSupport {

    private static final int FREE_FAILURES = 3;
    private static final int DISTRIBUTED_ADDRESSES = 4;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void throttleAfterThreeFailures(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.login-throttle.free-failures", () -> FREE_FAILURES);
        registry.add("wharf.index.login-throttle.distributed-addresses", () -> DISTRIBUTED_ADDRESSES);
        // Long enough that no delay ends while a test runs.
        registry.add("wharf.index.login-throttle.first-delay", () -> "2m");
        registry.add("wharf.index.login-throttle.max-delay", () -> "10m");
        registry.add("wharf.index.login-throttle.trusted-proxies", () -> "127.0.0.1");
    }

    @Test
    void wrongPasswordsDelayThatNameFromThatAddressOnly() {
        String alice = createUser();
        String token = createAccessToken(alice, "read-write");
        failFrom(alice, "10.0.0.1", FREE_FAILURES + 1);

        tokenRequest(asUser(alice), "10.0.0.1").then()
                .statusCode(429)
                .header("Retry-After", Integer::parseInt, greaterThan(60))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(120))
                .body("error", equalTo("too_many_requests"));
        asUser(alice).header("X-Forwarded-For", "10.0.0.1").get("/api/user").then().statusCode(429);

        // Her own address, her access token, and other names from the guesser's address are not held up.
        tokenRequest(asUser(alice), "10.0.0.2").then().statusCode(200);
        asUser(alice).header("X-Forwarded-For", "10.0.0.2").get("/api/user").then().statusCode(200);
        tokenRequest(as(alice, token), "10.0.0.1").then().statusCode(200);
        tokenRequest(asUser(createUser()), "10.0.0.1").then().statusCode(200);
    }

    @Test
    void wrongPasswordsForARobotsNameNeverBlockItsTokens() {
        String owner = createUser();
        asUser(owner).contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/api/namespaces/{ns}/robots", owner).then().statusCode(201);
        String robotToken = asUser(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "pipeline", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", owner).then().statusCode(201).extract().path("token");
        String robot = owner + "+ci";
        failFrom(robot, "10.0.1.1", FREE_FAILURES + 1);

        tokenRequest(as(robot, "another-guess"), "10.0.1.1").then().statusCode(429);
        tokenRequest(as(robot, robotToken), "10.0.1.1").then().statusCode(200);
    }

    @Test
    void guessesSpreadOverManyAddressesAreDelayedFromTheFirstButTheOwnerIsNot() {
        String bob = createUser();
        for (int address = 1; address < DISTRIBUTED_ADDRESSES; address++) {
            failFrom(bob, "10.0.2." + address, 1);
            tokenRequest(asUser(bob), "10.0.2." + address).then().statusCode(200);
            failFrom(bob, "10.0.2." + address, 1);
        }
        failFrom(bob, "10.0.2.100", 1);

        // The name failed from DISTRIBUTED_ADDRESSES addresses: one failure now costs a delay.
        tokenRequest(asUser(bob), "10.0.2.100").then().statusCode(429);
        failFrom(bob, "10.0.2.101", 1);
        tokenRequest(asUser(bob), "10.0.2.101").then().statusCode(429);
        tokenRequest(asUser(bob), "10.0.2.200").then().statusCode(200);
    }

    @Test
    void anAddressThatSignsInAgainStartsAfresh() {
        String carol = createUser();
        failFrom(carol, "10.0.3.1", FREE_FAILURES);
        tokenRequest(asUser(carol), "10.0.3.1").then().statusCode(200);
        failFrom(carol, "10.0.3.1", FREE_FAILURES);
        tokenRequest(asUser(carol), "10.0.3.1").then().statusCode(200);
    }

    @Test
    void theWebLoginFormIsDelayedPerNameAndAddressToo() {
        String dave = createUser();
        failFrom(dave, "10.0.4.1", FREE_FAILURES + 1);

        loginForm(dave, "10.0.4.1").then().statusCode(302).header("Location", endsWith("/login?error"));
        loginForm(dave, "10.0.4.2").then().statusCode(302).header("Location", endsWith("/"));
    }

    private void failFrom(String name, String address, int times) {
        for (int attempt = 1; attempt <= times; attempt++) {
            tokenRequest(as(name, "wrong-password-" + attempt), address).then().statusCode(401);
        }
    }

    private Response tokenRequest(RequestSpecification client, String address) {
        return client.header("X-Forwarded-For", address).queryParam("service", SERVICE).get("/v2/token");
    }

    private Response loginForm(String username, String address) {
        Response page = anonymous().get("/login");
        Matcher csrf = CSRF_FIELD.matcher(page.asString());
        assertThat(csrf.find()).as("the login form has a CSRF field").isTrue();
        return anonymous().redirects().follow(false).cookies(page.getCookies())
                .header("X-Forwarded-For", address)
                .formParam("username", username).formParam("password", passwordOf(username)).formParam("_csrf", csrf.group(1))
                .post("/login");
    }
}
