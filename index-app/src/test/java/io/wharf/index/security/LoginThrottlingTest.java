package io.wharf.index.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.greaterThan;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wharf.index.IndexAppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Repeated sign-in failures over HTTP. Client addresses come from {@code X-Forwarded-For}, as behind a
 * reverse proxy, so that one test can play several clients.
 */
class LoginThrottlingTest extends IndexAppTestSupport {

    @DynamicPropertySource
    static void throttleAfterThreeFailures(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.login-throttle.max-failures", () -> 3);
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    @Test
    void anAccountWithRepeatedFailuresIsRefusedEvenWithTheRightPasswordAndFromElsewhere() {
        String alice = createUser();
        for (int attempt = 1; attempt <= 3; attempt++) {
            tokenRequest(as(alice, "wrong-password"), "10.0.0." + attempt).then().statusCode(401);
        }

        tokenRequest(asUser(alice), "10.0.0.9").then()
                .statusCode(429)
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(300))
                .body("error", equalTo("too_many_requests"));
        asUser(alice).header("X-Forwarded-For", "10.0.0.9").get("/api/user").then()
                .statusCode(429)
                .body("error", equalTo("too_many_requests"));

        String bob = createUser();
        tokenRequest(asUser(bob), "10.0.0.9").then().statusCode(200);
    }

    @Test
    void anAddressWithRepeatedFailuresIsRefusedForEveryAccount() {
        String bob = createUser();
        String carol = createUser();
        for (int attempt = 1; attempt <= 3; attempt++) {
            tokenRequest(as(uniqueName("ghost"), "guess-" + attempt), "10.0.1.1").then().statusCode(401);
        }

        tokenRequest(asUser(bob), "10.0.1.1").then().statusCode(429);
        asUser(carol).header("X-Forwarded-For", "10.0.1.1").get("/api/user").then().statusCode(429);
        tokenRequest(asUser(bob), "10.0.1.2").then().statusCode(200);
        // Requests without credentials are not sign-ins and are not throttled.
        tokenRequest(anonymous(), "10.0.1.1").then().statusCode(200);
    }

    private Response tokenRequest(RequestSpecification client, String address) {
        return client.header("X-Forwarded-For", address).queryParam("service", SERVICE).get("/v2/token");
    }
}
