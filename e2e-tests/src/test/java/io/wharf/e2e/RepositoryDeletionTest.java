package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 end to end: deleting a whole repository through the index ({@code DELETE /api/repositories/{name}})
 * deletes it in the registry and in the index from one call; the registry's own repository-delete event, which
 * reaches the index afterwards, neither brings the old metadata back nor disturbs the repository pushed again.
 */
class RepositoryDeletionTest {

    private static final String OWNER = "lena";
    private static final String OWNER_PASSWORD = IndexApi.STRONG_PASSWORD + "-1";
    private static final String FAN = "mirko";
    private static final String FAN_PASSWORD = IndexApi.STRONG_PASSWORD + "-2";
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(60);

    private static WharfServers servers;
    private static IndexApi index;
    private static Skopeo skopeo;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser(OWNER, OWNER_PASSWORD);
        index.createUser(FAN, FAN_PASSWORD);
        skopeo = Skopeo.withCredentials(OWNER, OWNER_PASSWORD);
    }

    @Test
    void deletingThroughTheIndexDeletesInTheRegistryAndTheIndex(@TempDir Path layouts) {
        Path layout = layouts.resolve("image");
        OciLayouts.writeImage(layout, "1", 2);
        skopeo.copy("oci:" + layout + ":1", "docker://" + servers.registryHost() + "/lena/doomed:1");
        skopeo.copy("oci:" + layout + ":1", "docker://" + servers.registryHost() + "/lena/doomed:2");
        skopeo.copy("oci:" + layout + ":1", "docker://" + servers.registryHost() + "/lena/kept:1");
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("lena/doomed").keySet().equals(java.util.Set.of("1", "2"))
                && index.tags("lena/kept").containsKey("1"));
        asOwner().contentType(ContentType.JSON).body(Map.of("visibility", "public"))
                .patch("/api/repositories/lena/doomed").then().statusCode(200);
        index.star("lena/doomed", FAN, FAN_PASSWORD);

        given().baseUri(servers.indexUrl()).auth().preemptive().basic(FAN, FAN_PASSWORD)
                .delete("/api/repositories/lena/doomed").then().statusCode(403);
        asOwner().delete("/api/repositories/lena/doomed").then().statusCode(204);

        // The registry no longer has it; the other repository, sharing every blob, is untouched.
        String token = registryToken("repository:lena/doomed:pull repository:lena/kept:pull");
        registry(token).get("/v2/lena/doomed/tags/list")
                .then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        registry(token).get("/v2/lena/kept/tags/list").then().statusCode(200);
        assertThat(skopeo.inspectRaw("docker://" + servers.registryHost() + "/lena/kept:1")).contains("\"layers\"");
        // Nor does the index, at once: no waiting for events.
        asOwner().get("/api/repositories/lena/doomed").then().statusCode(404);
        List<String> listed = asOwner().get("/api/repositories?namespace=lena").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertThat(listed).contains("lena/kept").doesNotContain("lena/doomed");
        // The registry's audit log names who deleted it.
        List<Map<String, Object>> audit = registry(adminRegistryToken()).get("/admin/audit?repository=lena/doomed&n=1")
                .then().statusCode(200).extract().jsonPath().getList("entries");
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("actor", OWNER).containsEntry("action", "delete");
        });

        // Pushed again under the same name: the registry's delete event arrives before this push's event
        // (events of one repository are delivered in order) and must leave the new repository alone.
        skopeo.copy("oci:" + layout + ":1", "docker://" + servers.registryHost() + "/lena/doomed:again");
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("lena/doomed").containsKey("again"));
        assertThat(index.tags("lena/doomed")).containsOnlyKeys("again");
        asOwner().get("/api/repositories/lena/doomed").then().statusCode(200)
                .body("pushCount", equalTo(1)).body("starCount", equalTo(0)).body("visibility", equalTo("private"));
    }

    @Test
    void aRepositoryTheRegistryDoesNotHoldIsStillDeletedFromTheIndex() {
        asOwner().contentType(ContentType.JSON).body(Map.of("name", "lena/never-pushed"))
                .post("/api/repositories").then().statusCode(201);

        asOwner().delete("/api/repositories/lena/never-pushed").then().statusCode(204);

        asOwner().get("/api/repositories/lena/never-pushed").then().statusCode(404);
        asOwner().delete("/api/repositories/lena/never-pushed").then().statusCode(404);
    }

    private static RequestSpecification asOwner() {
        return given().baseUri(servers.indexUrl()).auth().preemptive().basic(OWNER, OWNER_PASSWORD);
    }

    private static String registryToken(String scopes) {
        return given().baseUri(servers.indexUrl()).auth().preemptive().basic(OWNER, OWNER_PASSWORD)
                .queryParam("service", "wharf-registry")
                .queryParam("scope", (Object[]) scopes.split(" "))
                .get("/v2/token").then().statusCode(200).extract().path("token");
    }

    private static String adminRegistryToken() {
        return given().baseUri(servers.indexUrl()).auth().preemptive()
                .basic(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD)
                .queryParam("service", "wharf-registry")
                .queryParam("scope", "registry:catalog:*")
                .get("/v2/token").then().statusCode(200).extract().path("token");
    }

    private static RequestSpecification registry(String token) {
        return given().baseUri("http://" + servers.registryHost()).header("Authorization", "Bearer " + token);
    }
}
