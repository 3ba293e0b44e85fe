package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import io.wharf.registry.clients.DockerEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4 end to end: what the registry sees reaches the index through its events — also when the index was
 * down at the time — and {@code docker search} on the registry's host finds it, with descriptions, stars and
 * visibility honoured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchAndEventsTest {

    private static final String OWNER = "erin";
    private static final String OWNER_PASSWORD = IndexApi.STRONG_PASSWORD + "-1";
    private static final String FAN = "frank";
    private static final String FAN_PASSWORD = IndexApi.STRONG_PASSWORD + "-2";
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(60);
    /** The registry's default wharf.registry.events.pull-window: its requests of one pull. */
    private static final Duration PULL_WINDOW = Duration.ofSeconds(5).plusMillis(500);

    private static WharfServers servers;
    private static IndexApi index;
    private static DockerEngine docker;
    private static String localImage;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser(OWNER, OWNER_PASSWORD);
        index.createUser(FAN, FAN_PASSWORD);
        docker = DockerEngine.shared();
        localImage = "wharf-e2e/search:" + System.nanoTime();
        docker.buildBusyboxImage(localImage);
    }

    @Test
    @Order(1)
    void aPushWhileTheIndexIsDownArrivesOnceItIsBack() throws Exception {
        docker.login(servers.registryHost(), OWNER, OWNER_PASSWORD);
        pushWithDocker("erin/redis-tools:1");
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("erin/redis-tools").containsKey("1"));
        assertThat(index.pushCount("erin/redis-tools")).isEqualTo(1);

        String token = registryToken("erin/redis-tools", "pull,push");
        servers.stopIndex();
        String digest;
        try {
            digest = pushDirectly(token, "erin/redis-tools", "while-index-down");
        } finally {
            servers.restartIndex();
        }
        await().atMost(EVENT_DEADLINE).until(() -> digest.equals(index.tags("erin/redis-tools").get("while-index-down")));
        // Delivered at least once, applied exactly once.
        Thread.sleep(3000);
        assertThat(index.pushCount("erin/redis-tools")).isEqualTo(2);
        assertThat(index.tags("erin/redis-tools")).containsOnlyKeys("1", "while-index-down");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(2)
    void dockerSearchFindsPublicRepositoriesWithTheirDescriptions() {
        docker.login(servers.registryHost(), OWNER, OWNER_PASSWORD);
        pushWithDocker("erin/redis-cache:1");
        docker.logout(servers.registryHost());
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("erin/redis-cache").containsKey("1"));
        index.setVisibility("erin/redis-cache", "public");
        index.setShortDescription("erin/redis-cache", "A small Redis cache image");
        index.setShortDescription("erin/redis-tools", "Redis command line tools");

        List<String> anonymous = search("redis", 25);
        assertThat(anonymous).contains("erin/redis-cache\tA small Redis cache image\t0");
        assertThat(anonymous).noneMatch(line -> line.startsWith("erin/redis-tools"));
        assertThat(search("redis", 1)).hasSize(1);
    }

    @Test
    @Order(3)
    void starsChangeTheStarCount() {
        index.star("erin/redis-cache", FAN, FAN_PASSWORD);
        assertThat(search("redis-cache", 25)).contains("erin/redis-cache\tA small Redis cache image\t1");
    }

    @Test
    @Order(4)
    void pullsAreCountedInTheIndexAlsoOfAnImageTheEngineHolds() throws InterruptedException {
        String image = servers.registryHost() + "/erin/redis-cache:1";
        int before = index.pullCount("erin/redis-cache");
        int tagBefore = index.tagPullCount("erin/redis-cache", "1");
        if (docker.hasImage(image)) {
            docker.rmi(image);
        }
        docker.pull(image);
        Instant firstPull = Instant.now();
        await().atMost(EVENT_DEADLINE).until(() -> index.pullCount("erin/redis-cache") > before);
        int afterFirstPull = index.pullCount("erin/redis-cache");

        // The engine holds the image now, so its next pull only resolves the tag (a HEAD of the manifest): a pull
        // too, once the first one's requests are over.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstPull.plus(PULL_WINDOW)).toMillis()));
        assertThat(docker.hasImage(image)).isTrue();
        docker.pull(image);
        await().atMost(EVENT_DEADLINE).until(() -> index.pullCount("erin/redis-cache") > afterFirstPull);
        // Both pulls started by the tag, so they count for it too.
        await().atMost(EVENT_DEADLINE).until(() -> index.tagPullCount("erin/redis-cache", "1") == tagBefore + 2);
        // The repository is public: the tag's page shows the count to anyone.
        assertThat(given().baseUri(servers.indexUrl()).get("/r/erin/redis-cache/-/tags/1").then().statusCode(200)
                .extract().asString()).contains("id=\"tag-pulls\">" + (tagBefore + 2) + " pulls</dd>");
    }

    @Test
    @Order(5)
    void theOwnerFindsPrivateRepositoriesAfterLoggingIn() {
        docker.login(servers.registryHost(), OWNER, OWNER_PASSWORD);
        try {
            assertThat(search("redis", 25)).contains("erin/redis-tools\tRedis command line tools\t0");
        } finally {
            docker.logout(servers.registryHost());
        }
        assertThat(search("redis", 25)).noneMatch(line -> line.startsWith("erin/redis-tools"));
    }

    @Test
    @Order(6)
    void deletesInTheRegistryReachTheIndex() throws Exception {
        String token = registryToken("erin/redis-tools", "pull,push,delete");
        String kept = pushDirectly(token, "erin/redis-tools", "kept");
        String doomed = pushDirectly(token, "erin/redis-tools", "doomed");
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("erin/redis-tools").containsKey("doomed"));

        registry(token).delete("/v2/erin/redis-tools/manifests/1").then().statusCode(202);
        registry(token).delete("/v2/erin/redis-tools/manifests/" + doomed).then().statusCode(202);
        await().atMost(EVENT_DEADLINE).until(() -> !index.tags("erin/redis-tools").containsKey("doomed"));
        await().atMost(EVENT_DEADLINE).until(() -> !index.tags("erin/redis-tools").containsKey("1"));

        List<String> registryTags = registry(token).get("/v2/erin/redis-tools/tags/list")
                .then().statusCode(200).extract().jsonPath().getList("tags");
        assertThat(index.tags("erin/redis-tools").keySet()).containsExactlyInAnyOrderElementsOf(registryTags);
        assertThat(index.tags("erin/redis-tools")).containsEntry("kept", kept);
    }

    @Test
    @Order(7)
    void aReconciliationDescribesATagAsItsPushEventDid() {
        docker.login(servers.registryHost(), OWNER, OWNER_PASSWORD);
        pushWithDocker("erin/reconciled:1");
        docker.logout(servers.registryHost());
        await().atMost(EVENT_DEADLINE).until(() -> index.tags("erin/reconciled").containsKey("1"));
        List<Map<String, Object>> fromEvents = index.tagDetails("erin/reconciled");
        // The image's platform, read from its config (linux on this machine's architecture), and its size: config
        // plus layers (the busybox binary), not the manifest's few hundred bytes.
        List<?> platforms = (List<?>) fromEvents.get(0).get("platforms");
        assertThat(platforms).hasSize(1);
        assertThat(((Map<?, ?>) platforms.get(0)).get("os")).isEqualTo("linux");
        assertThat(((Number) fromEvents.get(0).get("size")).longValue()).isGreaterThan(100_000);

        index.reconcile();
        assertThat(index.tagDetails("erin/reconciled")).isEqualTo(fromEvents);
    }

    private List<String> search(String term, int limit) {
        return docker.search(servers.registryHost() + "/" + term, limit).lines().toList();
    }

    private void pushWithDocker(String repositoryAndTag) {
        String reference = servers.registryHost() + "/" + repositoryAndTag;
        docker.tag(localImage, reference);
        docker.push(reference);
    }

    private String registryToken(String repository, String actions) {
        return given().baseUri(servers.indexUrl()).auth().preemptive().basic(OWNER, OWNER_PASSWORD)
                .queryParam("service", "wharf-registry")
                .queryParam("scope", "repository:" + repository + ":" + actions)
                .get("/v2/token").then().statusCode(200).extract().path("token");
    }

    /** A minimal OCI image pushed over plain HTTP with a token fetched earlier: no index needed meanwhile. */
    private String pushDirectly(String token, String repository, String tag) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String configDigest = uploadBlob(token, repository, config);
        String layerDigest = uploadBlob(token, repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        return registry(token).contentType("application/vnd.oci.image.manifest.v1+json").body(manifest)
                .put("/v2/" + repository + "/manifests/" + tag)
                .then().statusCode(201).extract().header("Docker-Content-Digest");
    }

    private String uploadBlob(String token, String repository, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        registry(token).contentType("application/octet-stream").body(content)
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + digest).then().statusCode(201);
        return digest;
    }

    private RequestSpecification registry(String token) {
        return given().baseUri("http://" + servers.registryHost()).header("Authorization", "Bearer " + token);
    }
}
