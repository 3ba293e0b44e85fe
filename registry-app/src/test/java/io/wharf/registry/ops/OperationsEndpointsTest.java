package io.wharf.registry.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.restassured.specification.RequestSpecification;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.StandInTokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With token authentication on, the operations endpoints stay reachable without a token (probes and scrapers have
 * none) and tell only UP or DOWN: the two probes on the public port, the actuator (health, info, prometheus and
 * nothing else) on the loopback management port only; rejected tokens are counted.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class OperationsEndpointsTest {

    private static final StandInTokenIssuer INDEX = StandInTokenIssuer.start();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("wharf.data-dir", dataDir::toString);
        registry.add("wharf.registry.auth.enabled", () -> "true");
        registry.add("wharf.registry.auth.realm", () -> "http://127.0.0.1:1/v2/token");
        registry.add("wharf.registry.auth.jwks-uri", INDEX::jwksUri);
    }

    @AfterAll
    static void stopJwksServer() {
        INDEX.close();
    }

    private RequestSpecification request() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    private RequestSpecification management() {
        return given().baseUri("http://127.0.0.1").port(managementPort);
    }

    @Test
    void healthLivenessAndReadinessAnswerWithoutATokenAndWithoutDetails() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            management().get(path).then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(not(containsString("components")))
                    .body(not(containsString("storage")));
        }
        for (String probe : List.of("/livez", "/readyz")) {
            request().get(probe).then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(not(containsString("components")));
        }
    }

    /** The database and the image content are for the registry's account only, whatever the umask. */
    @Test
    void theRegistryFolderAndItsStorageAreForTheOwnerOnly() throws Exception {
        for (Path folder : List.of(dataDir.resolve("registry"), dataDir.resolve("registry").resolve("storage"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
    }

    /** Metrics and health are for the operator: the public port has only the two probes. */
    @Test
    void thePublicPortServesNoActuatorEndpoint() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
                "/actuator/info")) {
            request().get(path).then().statusCode(404).body("errors[0].code", equalTo("UNSUPPORTED"));
        }
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void unreachableStorageMakesTheRegistryUnreadyButStillLive() throws Exception {
        Path storage = dataDir.resolve("registry").resolve("storage");
        Path aside = dataDir.resolve("storage-aside");
        Files.move(storage, aside);
        // A symbolic link to itself: every look into the storage root fails with an I/O error (ELOOP).
        Files.createSymbolicLink(storage, storage.getFileName());
        try {
            request().get("/readyz").then().statusCode(503).body("status", equalTo("DOWN"));
            request().get("/livez").then().statusCode(200).body("status", equalTo("UP"));
            management().get("/actuator/health/readiness").then().statusCode(503);
        } finally {
            Files.delete(storage);
            Files.move(aside, storage);
        }
        request().get("/readyz").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposedOnTheManagementPort() {
        management().get("/actuator/info").then().statusCode(200);
        management().get("/actuator/prometheus").then().statusCode(200);
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/metrics",
                "/actuator/heapdump", "/actuator/loggers")) {
            assertThat(management().get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void rejectedTokensAreCountedButTheAnonymousFirstRequestIsNot() {
        double before = authFailures();
        request().get("/v2/").then().statusCode(401);
        assertThat(authFailures()).isEqualTo(before);

        String foreign = StandInTokenIssuer.sign(StandInTokenIssuer.generateKey("foreign"),
                StandInTokenIssuer.claims("mallory", List.of()).build());
        request().header("Authorization", "Bearer " + foreign).get("/v2/").then().statusCode(401);
        request().header("Authorization", "Bearer not-a-jwt").get("/v2/_catalog").then().statusCode(401);
        assertThat(authFailures()).isEqualTo(before + 2);

        String valid = INDEX.token("alice", List.of());
        request().header("Authorization", "Bearer " + valid).get("/v2/").then().statusCode(200);
        assertThat(authFailures()).isEqualTo(before + 2);
    }

    private double authFailures() {
        return PrometheusText.parse(
                        management().get("/actuator/prometheus").then().statusCode(200).extract().asString())
                .sum("wharf_registry_auth_failures_total");
    }
}
