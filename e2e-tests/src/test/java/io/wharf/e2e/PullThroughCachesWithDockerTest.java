package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.clients.DockerEngine;
import io.wharf.registry.clients.ExternalTool;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import io.wharf.registry.proxy.DistributionRegistry;
import io.wharf.registry.proxy.UpstreamFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull-through caches as an administrator sets them up through the index and clients use them: the real docker
 * engine pulls through a proxy namespace and, as a second engine with {@code registry-mirrors}, through the engine
 * mirror path; skopeo pulls sixteen at once. The upstream is CNCF Distribution behind {@link UpstreamFront}, a relay
 * that counts what reaches the upstream and on demand cuts blobs off or goes down. One upstream, one cache and one
 * mirror engine for the whole class; each test seeds its own image name. One test takes the shared Wharf itself as the
 * upstream, for Docker token authentication with the cache's credentials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PullThroughCachesWithDockerTest {

    private static final String CACHE = "hubcache";
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(20);
    /** Short, so that a test can wait it out. */
    private static final long REVALIDATE_AFTER_SECONDS = 2;
    private static final String PASSWORD = IndexApi.STRONG_PASSWORD + "-ptc";

    private static WharfServers servers;
    private static IndexApi index;
    private static DockerEngine docker;
    private static DistributionRegistry distribution;
    private static UpstreamFront upstream;

    @BeforeAll
    static void setUp() throws Exception {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        docker = DockerEngine.shared();
        distribution = DistributionRegistry.shared();
        upstream = UpstreamFront.open(distribution.url());
        index.putPullThroughCache(CACHE, Map.of("upstream", upstream.url(), "visibility", "public", "mirror", true,
                "revalidateAfterSeconds", REVALIDATE_AFTER_SECONDS));
    }

    @AfterEach
    void upstreamWorksAgain() {
        upstream.reset();
    }

    @AfterAll
    static void tearDown() {
        if (upstream != null) {
            // The servers are shared: the other classes' top-level names must not go to this closed upstream.
            index.putPullThroughCache(CACHE, Map.of("upstream", upstream.url(), "visibility", "public", "mirror", false,
                    "revalidateAfterSeconds", REVALIDATE_AFTER_SECONDS));
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void theEnginePullsFromTheProxyNamespaceAndTheIndexShowsTheRepositoryAsACache() {
        String imageId = seedUpstream("library/nsalpine:3");
        String reference = servers.registryHost() + "/" + CACHE + "/library/nsalpine:3";

        docker.pull(reference);

        assertThat(docker.imageId(reference)).isEqualTo(imageId);
        String repository = CACHE + "/library/nsalpine";
        await().atMost(EVENT_DEADLINE).until(() -> index.tagsIfKnown(repository).containsKey("3"));
        Map<String, Object> counters = index.pullThroughCacheCounters(CACHE);
        assertThat(((Number) counters.get("misses")).longValue()).isPositive();
        assertThat(((Number) counters.get("usedBytes")).longValue()).isPositive();

        // Public cache: its repositories are found and marked without a login, with the upstream.
        assertThat(given().baseUri(servers.indexUrl()).queryParam("q", "nsalpine").get("/v1/search")
                .then().statusCode(200).extract().<String>path("results.find { it.name == '" + repository
                        + "' }.cache.upstream")).isEqualTo(upstream.url());
        String page = given().baseUri(servers.indexUrl()).get("/r/" + repository).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("class=\"tag cache\"").contains(upstream.url());
        assertThat(given().baseUri(servers.indexUrl()).get("/explore").then().statusCode(200).extract().asString())
                .contains(repository).contains("class=\"tag cache\"");
    }

    @Test
    @Order(2)
    void anEngineWithWharfAsItsRegistryMirrorPullsDockerHubNamesThroughTheMirrorCache() {
        String imageId = seedUpstream("library/mirrored:1");
        DockerEngine mirrored = DockerEngine.startWithRegistryMirror("http://" + servers.registryHost());

        // "mirrored:1" is docker.io/library/mirrored:1: without the mirror it would go to Docker Hub, unreachable here.
        mirrored.pull("mirrored:1");

        assertThat(mirrored.imageId("mirrored:1")).isEqualTo(imageId);
        await().atMost(EVENT_DEADLINE).until(() -> index.tagsIfKnown(CACHE + "/library/mirrored").containsKey("1"));
    }

    @Test
    @Order(3)
    void sixteenClientsPullingTheSameNewImageAtOnceCauseOneUpstreamFetchOfEachBlob(@TempDir Path layouts) {
        seedUpstream("library/crowd:1");
        List<String> blobs = blobsOf("library/crowd:1");
        upstream.blobChunkPauseMillis = 20;
        String source = "docker://" + servers.registryHost() + "/" + CACHE + "/library/crowd:1";

        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<ExternalTool.Result>> pulls = IntStream.range(0, 16)
                    .mapToObj(client -> CompletableFuture.supplyAsync(() -> Skopeo.anonymous().attemptCopy(source,
                            "oci:" + layouts.resolve("client-" + client) + ":1"), clients))
                    .toList();
            for (CompletableFuture<ExternalTool.Result> pull : pulls) {
                ExternalTool.Result result = pull.join();
                assertThat(result.succeeded()).as(result.describe()).isTrue();
            }
        } finally {
            clients.shutdownNow();
        }

        for (String blob : blobs) {
            assertThat(upstream.count("GET", "/v2/library/crowd/blobs/" + blob)).as(blob).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void skopeoPullsOnePlatformOfAMultiPlatformImageThenEveryPlatformAlsoWithTheUpstreamDown(@TempDir Path work)
            throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        OciLayouts.Descriptor index = OciLayouts.writeIndex(source, "1", 1, List.of(
                OciLayouts.Platform.LINUX_AMD64, OciLayouts.Platform.LINUX_ARM64));
        Skopeo.anonymous().copyAll("oci:" + source + ":1", "docker://127.0.0.1:" + distribution.port()
                + "/library/multi:1");
        JsonPath platforms = JsonPath.from(OciLayouts.blobPath(source, index.digest()).toFile());
        String arm64 = platforms.getString("manifests.find { it.platform.architecture == 'arm64' }.digest");
        String cached = "docker://" + servers.registryHost() + "/" + CACHE + "/library/multi:1";

        // As a client on amd64 pulls: the index, then only its own platform's manifest and blobs.
        Skopeo.anonymous().copy(cached, "oci:" + work.resolve("amd64") + ":1");
        assertThat(upstream.count("GET", "/v2/library/multi/manifests/" + arm64)).isZero();

        Path every = work.resolve("every");
        Skopeo.anonymous().copyAll(cached, "oci:" + every + ":1");
        assertSameImage(source, every, index);
        assertThat(upstream.count("GET", "/v2/library/multi/manifests/" + arm64)).isEqualTo(1);

        // Everything it holds now is served without the upstream: the index past its revalidation interval, too.
        upstream.down = true;
        Thread.sleep(REVALIDATE_AFTER_SECONDS * 1000 + 100);
        Path offline = work.resolve("offline");
        Skopeo.anonymous().copyAll(cached, "oci:" + offline + ":1");
        assertSameImage(source, offline, index);
    }

    @Test
    @Order(4)
    void anUpstreamCutOffMidBlobFailsThePullStoresNothingAndALaterPullSucceeds(@TempDir Path layouts) {
        String imageId = seedUpstream("library/severed:1");
        // The busybox layer is the same in every image built here (the engine's build cache): cached long ago.
        List<String> newBlobs = blobsOf("library/severed:1").stream().filter(blob -> !isStored(blob)).toList();
        assertThat(newBlobs).isNotEmpty();
        upstream.cutBlobsAfter = 200;
        String reference = servers.registryHost() + "/" + CACHE + "/library/severed:1";

        ExternalTool.Result cut = Skopeo.anonymous().attemptCopy("docker://" + reference,
                "oci:" + layouts.resolve("cut") + ":1");

        assertThat(cut.succeeded()).as(cut.describe()).isFalse();
        assertThat(newBlobs).noneMatch(PullThroughCachesWithDockerTest::isStored);
        upstream.reset();
        docker.pull(reference);
        assertThat(docker.imageId(reference)).isEqualTo(imageId);
        assertThat(newBlobs).allMatch(PullThroughCachesWithDockerTest::isStored);
    }

    @Test
    @Order(5)
    void withTheUpstreamDownACachedImageStillPullsPastItsRevalidationInterval() throws InterruptedException {
        String imageId = seedUpstream("library/steady:1");
        String reference = servers.registryHost() + "/" + CACHE + "/library/steady:1";
        docker.pull(reference);
        docker.rmi(reference);
        upstream.down = true;
        Thread.sleep(Duration.ofSeconds(REVALIDATE_AFTER_SECONDS + 1).toMillis());

        docker.pull(reference);

        assertThat(docker.imageId(reference)).isEqualTo(imageId);
        assertThat(((Number) index.pullThroughCacheCounters(CACHE).get("staleServes")).longValue()).isPositive();
    }

    @Test
    @Order(6)
    void aTagMovedUpstreamIsPulledAnewOnceItsRevalidationIntervalPassed() throws InterruptedException {
        seedUpstream("library/moving:1");
        String reference = servers.registryHost() + "/" + CACHE + "/library/moving:1";
        docker.pull(reference);
        String moved = seedUpstream("library/moving:1");
        Thread.sleep(Duration.ofSeconds(REVALIDATE_AFTER_SECONDS + 1).toMillis());

        docker.pull(reference);

        assertThat(docker.imageId(reference)).isEqualTo(moved);
    }

    @Test
    @Order(7)
    void aCacheOverItsSizeLimitEvictsTheLeastRecentlyPulledImage() {
        String small = "tinycache";
        index.putPullThroughCache(small, Map.of("upstream", upstream.url(), "visibility", "public"));
        seedUpstream("library/first:1");
        seedUpstream("library/second:1");
        docker.pull(servers.registryHost() + "/" + small + "/library/first:1");
        await().atMost(EVENT_DEADLINE).until(() -> index.tagsIfKnown(small + "/library/first").containsKey("1"));
        long firstImage = ((Number) index.pullThroughCacheCounters(small).get("usedBytes")).longValue();
        index.putPullThroughCache(small, Map.of("upstream", upstream.url(), "visibility", "public",
                "sizeLimitBytes", firstImage + 1));

        docker.pull(servers.registryHost() + "/" + small + "/library/second:1");

        await().atMost(EVENT_DEADLINE).until(() -> !index.tagsIfKnown(small + "/library/first").containsKey("1"));
    }

    @Test
    @Order(8)
    void aPushIntoTheProxyNamespaceIsRefusedWithTheReason() {
        index.createUser("pushy", PASSWORD);
        String local = "wharf-e2e/pushy:" + System.nanoTime();
        docker.buildBusyboxImage(local);
        String target = servers.registryHost() + "/" + CACHE + "/library/nsalpine:mine";
        docker.tag(local, target);
        docker.login(servers.registryHost(), "pushy", PASSWORD);
        try {
            ExternalTool.Result refused = docker.attemptPush(target);

            assertThat(refused.succeeded()).as(refused.describe()).isFalse();
            assertThat(refused.stderr()).contains("denied: " + CACHE + " is a pull-through cache of " + upstream.url()
                    + ": pushes are refused; push to your own namespace instead");
        } finally {
            docker.logout(servers.registryHost());
        }
    }

    @Test
    @Order(9)
    void aCacheOfAWharfWithTokenAuthenticationPullsAPrivateRepositoryWithItsCredentialsAndNamesWrongOnes() {
        String owner = "upowner";
        String repository = owner + "/secret";
        index.createUser(owner, PASSWORD);
        index.createRepository(owner, PASSWORD, repository);
        String local = "wharf-e2e/upowner-secret:" + System.nanoTime();
        String imageId = docker.buildBusyboxImage(local);
        String pushed = servers.registryHost() + "/" + repository + ":1";
        docker.tag(local, pushed);
        docker.login(servers.registryHost(), owner, PASSWORD);
        try {
            docker.push(pushed);
        } finally {
            docker.logout(servers.registryHost());
        }
        docker.rmi(local, pushed);
        // The shared Wharf is its own upstream: its registry challenges with Bearer, realm the index's token service.
        String upstreamUrl = "http://" + servers.registryHost();
        String cache = "wharfauth";
        String wrongCache = "wharfwrong";
        String wrongPassword = "Wrong-Basalt-Meadow-17";
        index.putPullThroughCache(cache, Map.of("upstream", upstreamUrl, "visibility", "public",
                "username", owner, "password", PASSWORD));
        index.putPullThroughCache(wrongCache, Map.of("upstream", upstreamUrl, "visibility", "public",
                "username", owner, "password", wrongPassword));
        try {
            String reference = servers.registryHost() + "/" + cache + "/" + repository + ":1";

            docker.pull(reference);

            assertThat(docker.imageId(reference)).isEqualTo(imageId);
            String wrongRepository = wrongCache + "/" + repository;
            ExternalTool.Result refused = docker.attemptPull(servers.registryHost() + "/" + wrongRepository + ":1");
            assertThat(refused.succeeded()).as(refused.describe()).isFalse();
            // The engine asks by HEAD, so it prints only the status; a GET shows the reason it got.
            assertThat(refused.stderr()).contains("502");
            String token = given().baseUri(servers.indexUrl()).queryParam("service", "wharf-registry")
                    .queryParam("scope", "repository:" + wrongRepository + ":pull")
                    .get("/v2/token").then().statusCode(200).extract().path("token");
            String reason = given().baseUri("http://" + servers.registryHost())
                    .header("Authorization", "Bearer " + token)
                    .get("/v2/" + wrongRepository + "/manifests/1").then().statusCode(502)
                    .body("errors[0].code", equalTo("UNAVAILABLE"))
                    .extract().path("errors[0].message");
            assertThat(reason).contains("the upstream of " + wrongCache + " refused the cache")
                    .contains("an administrator must check its credentials").doesNotContain(wrongPassword);
            for (String name : List.of(cache, wrongCache)) {
                String view = index.asAdmin().get("/api/admin/proxies/" + name).then().statusCode(200)
                        .extract().asString();
                assertThat(view).contains(owner).doesNotContain(PASSWORD).doesNotContain(wrongPassword);
            }
        } finally {
            // The servers are shared: no other class should meet these caches' reserved names.
            for (String name : List.of(cache, wrongCache)) {
                index.asAdmin().delete("/api/admin/proxies/" + name).then().statusCode(204);
            }
        }
    }

    /**
     * Builds a new image and pushes it straight to Distribution as {@code repositoryAndTag}; its image id. The engine
     * then forgets the image, so that pulling it fetches its config and new layer through the cache.
     */
    private static String seedUpstream(String repositoryAndTag) {
        String local = "wharf-e2e/upstream-" + repositoryAndTag.replace('/', '-').replace(':', '-') + ":"
                + System.nanoTime();
        String imageId = docker.buildBusyboxImage(local);
        String upstreamReference = "127.0.0.1:" + distribution.port() + "/" + repositoryAndTag;
        docker.tag(local, upstreamReference);
        docker.push(upstreamReference);
        docker.rmi(local, upstreamReference);
        return imageId;
    }

    /** The config and layer digests of the image as Distribution holds it. */
    private static List<String> blobsOf(String repositoryAndTag) {
        JsonPath manifest = upstreamManifest(repositoryAndTag);
        List<String> blobs = new ArrayList<>(List.of(manifest.getString("config.digest")));
        blobs.addAll(manifest.getList("layers.digest", String.class));
        return blobs;
    }

    private static JsonPath upstreamManifest(String repositoryAndTag) {
        return JsonPath.from(Skopeo.anonymous().inspectRaw("docker://127.0.0.1:" + distribution.port() + "/"
                + repositoryAndTag));
    }

    /** The layout {@code copy} holds the index {@code source} holds under tag 1, with the same bytes in every blob. */
    private static void assertSameImage(Path source, Path copy, OciLayouts.Descriptor index) throws Exception {
        assertThat(OciLayouts.taggedDescriptor(copy, "1")).isEqualTo(index);
        assertThat(OciLayouts.blobDigests(copy)).isEqualTo(OciLayouts.blobDigests(source));
        for (String digest : OciLayouts.blobDigests(source)) {
            assertThat(Files.mismatch(OciLayouts.blobPath(source, digest), OciLayouts.blobPath(copy, digest)))
                    .as("bytes of blob %s", digest).isEqualTo(-1L);
        }
    }

    /** Whether the registry's filesystem storage holds the blob's verified content. */
    private static boolean isStored(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return Files.exists(servers.dataDir().resolve("registry/storage/blobs/sha256/" + hex.substring(0, 2) + "/"
                + hex + "/data"));
    }
}
