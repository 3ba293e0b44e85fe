package io.wharf.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.StandInTokenIssuer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin API asks the same tokens as the distribution API: {@code repository:<name>:delete} to delete a
 * repository, an administrator's {@code registry:catalog:*} to collect garbage, read a namespace's usage or the
 * audit log.
 */
@DirtiesContext
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class AdminAuthorizationTest {

    private static final StandInTokenIssuer INDEX = StandInTokenIssuer.start();
    private static final String REPOSITORY = "alice/app";

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("wharf.data-dir", dataDir::toString);
        properties.add("wharf.registry.auth.enabled", () -> "true");
        properties.add("wharf.registry.auth.jwks-uri", INDEX::jwksUri);
    }

    @AfterAll
    static void stopIndex() {
        INDEX.close();
    }

    @Test
    void garbageCollectionAndUsageNeedAnAdministrator() {
        String pusher = token(AccessEntry.repository(REPOSITORY, "pull", "push", "delete"));
        OciErrors.assertError(as(pusher).post("/admin/gc?dryRun=true"), 401, "DENIED");
        OciErrors.assertError(as(pusher).get("/admin/namespaces/alice/usage"), 401, "DENIED");
        OciErrors.assertError(as(pusher).get("/admin/lifecycle"), 401, "DENIED");
        OciErrors.assertError(new RegistryClient(port).given().post("/admin/gc"), 401, "UNAUTHORIZED");

        String admin = adminToken();
        assertThat(as(admin).post("/admin/gc?dryRun=true").jsonPath().getBoolean("dryRun")).isTrue();
        assertThat(as(admin).get("/admin/namespaces/alice/usage").statusCode()).isEqualTo(200);
        assertThat(as(admin).get("/admin/lifecycle").statusCode()).isEqualTo(200);
    }

    @Test
    void deletingARepositoryNeedsItsDeleteScope() {
        ManifestDocument emptyIndex = ManifestBuilder.ociIndex().build();
        assertThat(as(token(AccessEntry.repository(REPOSITORY, "pull", "push")))
                .contentType(emptyIndex.mediaType()).body(emptyIndex.bytes())
                .put("/v2/" + REPOSITORY + "/manifests/latest").statusCode()).isEqualTo(201);

        Response refused = as(token(AccessEntry.repository(REPOSITORY, "pull", "push")))
                .delete("/admin/repositories/" + REPOSITORY);
        OciErrors.assertError(refused, 401, "DENIED");
        assertThat(refused.header("WWW-Authenticate")).contains("repository:" + REPOSITORY + ":delete");

        assertThat(as(token(AccessEntry.repository(REPOSITORY, "delete")))
                .delete("/admin/repositories/" + REPOSITORY).statusCode()).isEqualTo(202);
        // the audit log names who did it
        assertThat(as(adminToken()).get("/admin/audit?repository=" + REPOSITORY).jsonPath()
                .getList("entries.actor")).containsExactly("someone", "someone");
    }

    @Test
    void referrersOfSeveralManifestsNeedTheRepositorysPull() {
        String digest = "sha256:" + "a".repeat(64);
        Response refused = as(token(AccessEntry.repository("alice/other", "pull")))
                .get("/admin/referrers?repository=" + REPOSITORY + "&digest=" + digest);
        OciErrors.assertError(refused, 401, "DENIED");
        assertThat(refused.header("WWW-Authenticate")).contains("repository:" + REPOSITORY + ":pull");

        Response answered = as(token(AccessEntry.repository(REPOSITORY, "pull")))
                .get("/admin/referrers?repository=" + REPOSITORY + "&digest=" + digest);
        assertThat(answered.statusCode()).as(OciErrors.describe(answered)).isEqualTo(200);
        assertThat(answered.jsonPath().getMap("referrers")).containsOnlyKeys(digest);
    }

    private static String adminToken() {
        return token(new AccessEntry(AccessEntry.REGISTRY, AccessEntry.CATALOG, Set.of(AccessEntry.ALL)));
    }

    private static String token(AccessEntry access) {
        return INDEX.token("someone", List.of(access));
    }

    private RequestSpecification as(String token) {
        return new RegistryClient(port).given().header("Authorization", "Bearer " + token);
    }
}
