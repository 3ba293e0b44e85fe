package io.wharf.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The pull-through cache against a real upstream: CNCF Distribution, behind {@link UpstreamFront}, which counts what
 * reaches the upstream and injects its faults (down, 429, a blob cut off, token authentication).
 */
@TestPropertySource(properties = {"wharf.registry.proxy.in-use=1s",
        // evictions run when a test asks for them
        "wharf.registry.proxy.eviction-interval=1h"})
@ExtendWith(OutputCaptureExtension.class)
class PullThroughCacheTest extends RegistryApiTest {

    private static final AtomicInteger PROXY_SEQUENCE = new AtomicInteger();
    private static final String PASSWORD = "upstream-s3cret-Pa55";

    private static RegistryClient distribution;
    private static UpstreamFront front;
    private static UpstreamFront tokenFront;

    @BeforeAll
    static void startUpstream() throws Exception {
        DistributionRegistry upstream = DistributionRegistry.shared();
        distribution = new RegistryClient(upstream.port());
        front = UpstreamFront.open(upstream.url());
        tokenFront = UpstreamFront.tokenAuthenticated(upstream.url(), "cacher", PASSWORD);
    }

    @AfterAll
    static void stopFronts() {
        front.close();
        tokenFront.close();
    }

    @BeforeEach
    void healthyUpstream() {
        front.reset();
    }

    @Test
    void aMissIsFetchedOnceAndThenServedFromTheCache() {
        String upstreamRepository = newRepository("team/app");
        ManifestDocument image = upstreamImage(upstreamRepository, "v1");
        String proxy = defineProxy(front.url(), Map.of());
        String cached = proxy + "/" + upstreamRepository;

        for (int pull = 0; pull < 3; pull++) {
            Response manifest = registry.getManifest(cached, "v1");
            assertThat(manifest.statusCode()).as(OciErrors.describe(manifest)).isEqualTo(200);
            assertThat(manifest.header("Docker-Content-Digest")).isEqualTo(image.digest());
            assertThat(manifest.asByteArray()).isEqualTo(image.bytes());
            for (String blob : blobsOf(manifest)) {
                Response content = registry.getBlob(cached, blob);
                assertThat(content.statusCode()).isEqualTo(200);
                assertThat(TestBlob.sha256(content.asByteArray())).isEqualTo(blob);
                assertThat(front.count("GET", "/v2/" + upstreamRepository + "/blobs/" + blob)).isEqualTo(1);
            }
        }
        assertThat(front.count("GET", "/v2/" + upstreamRepository + "/manifests/v1")).isEqualTo(1);
        assertThat(registry.getManifest(cached, image.digest()).statusCode()).isEqualTo(200);
        JsonPath definition = adminGet(proxy);
        assertThat(definition.getLong("misses")).isEqualTo(3);
        assertThat(definition.getLong("hits")).isGreaterThanOrEqualTo(6);
        assertThat(definition.getLong("usedBytes")).isGreaterThan(2048);
        assertThat(definition.getLong("upstreamBytes")).isGreaterThan(2048);
        assertThat(definition.getString("lastRevalidation")).isNotNull();
        // Stored like a push, by the cache: the event (recorded in the audit log too) names it as the actor.
        JsonPath audit = registry.given().get("/admin/audit?repository=" + cached).jsonPath();
        assertThat(audit.getList("entries.actor", String.class)).containsExactly("proxy:" + proxy);
        assertThat(audit.getString("entries[0].action")).isEqualTo("push");
    }

    @Test
    void sixteenClientsAskingForAMissingBlobCauseOneUpstreamFetch() throws Exception {
        String upstreamRepository = newRepository("team/big");
        TestBlob big = upstreamBlob(upstreamRepository, TestBlob.random(2 * 1024 * 1024));
        String proxy = defineProxy(front.url(), Map.of());
        front.blobChunkPauseMillis = 15;

        List<byte[]> bodies = concurrently(16, () -> fetchBlob(proxy + "/" + upstreamRepository, big.digest()));

        for (byte[] body : bodies) {
            assertThat(body).isEqualTo(big.bytes());
        }
        assertThat(front.count("GET", "/v2/" + upstreamRepository + "/blobs/" + big.digest())).isEqualTo(1);
        // The clients have every byte once the digest matched; the commit to storage follows at once.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(storedFiles()).containsKey(storedBlob(big.digest())));
    }

    @Test
    void clientsThatFallBehindTheTransferOrJoinItLateGetEveryByte() throws Exception {
        String upstreamRepository = newRepository("team/lag");
        TestBlob big = upstreamBlob(upstreamRepository, TestBlob.random(8 * 1024 * 1024));
        String proxy = defineProxy(front.url(), Map.of());
        String repository = proxy + "/" + upstreamRepository;
        // Pieces of at most 64 KiB, 5 ms apart: the transfer lasts at least 640 ms.
        front.blobChunkPauseMillis = 5;

        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            // Reads the bytes as they arrive.
            CountDownLatch threeMibReceived = new CountDownLatch(1);
            Future<byte[]> keepsUp = clients.submit(() -> fetchBlobSignalling(repository, big.digest(),
                    3 * 1024 * 1024, threeMibReceived));
            // Takes nothing for a second through a small receive buffer: the registry's writes to it stall while the
            // transfer goes on (how far it falls behind depends on the kernel's socket buffers).
            Future<byte[]> fallsBehind = clients.submit(() -> fetchBlobSlowly(repository, big.digest(),
                    Duration.ofSeconds(1)));
            // Starts from byte 0 while the transfer is under way, 3 MiB into it.
            assertThat(threeMibReceived.await(60, TimeUnit.SECONDS)).isTrue();
            Future<byte[]> joinsLate = clients.submit(() -> fetchBlob(repository, big.digest()));

            assertThat(keepsUp.get(60, TimeUnit.SECONDS)).isEqualTo(big.bytes());
            assertThat(fallsBehind.get(60, TimeUnit.SECONDS)).isEqualTo(big.bytes());
            assertThat(joinsLate.get(60, TimeUnit.SECONDS)).isEqualTo(big.bytes());
        } finally {
            clients.shutdownNow();
        }
        assertThat(front.count("GET", "/v2/" + upstreamRepository + "/blobs/" + big.digest())).isEqualTo(1);
    }

    @Test
    void clientsAskingAtOnceForAMissingTagCauseOneUpstreamRequest() throws Exception {
        String upstreamRepository = newRepository("team/burst");
        ManifestDocument image = upstreamImage(upstreamRepository, "v1");
        String proxy = defineProxy(front.url(), Map.of());
        front.manifestPauseMillis = 300;

        List<byte[]> manifests = concurrently(8, () -> registry.getManifest(proxy + "/" + upstreamRepository, "v1")
                .asByteArray());

        for (byte[] manifest : manifests) {
            assertThat(manifest).isEqualTo(image.bytes());
        }
        assertThat(front.count("GET", "/v2/" + upstreamRepository + "/manifests/v1")).isEqualTo(1);
        assertThat(front.count("HEAD", "/v2/" + upstreamRepository + "/manifests/v1")).isZero();
    }

    @Test
    void aBlobCutOffUpstreamStoresNothingAndFailsEveryClient() throws Exception {
        String upstreamRepository = newRepository("team/cut");
        TestBlob blob = upstreamBlob(upstreamRepository, TestBlob.random(1024 * 1024));
        String proxy = defineProxy(front.url(), Map.of());
        front.cutBlobsAfter = 300 * 1024;
        front.blobChunkPauseMillis = 10;

        List<byte[]> bodies = concurrently(4, () -> {
            try {
                return fetchBlob(proxy + "/" + upstreamRepository, blob.digest());
            } catch (IOException brokenOff) {
                return null;
            }
        });

        for (byte[] body : bodies) {
            // Each client's answer broke off (or was an error): none took a short or wrong blob for the real one.
            assertThat(body == null || !Arrays.equals(body, blob.bytes())).isTrue();
        }
        assertThat(storedFiles()).doesNotContainKey(storedBlob(blob.digest()));
        front.reset();
        assertThat(fetchBlob(proxy + "/" + upstreamRepository, blob.digest())).isEqualTo(blob.bytes());
        assertThat(adminGet(proxy).getLong("upstreamErrors")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withTheUpstreamDownCachedContentIsServedAndAStaleTagWithAWarning(CapturedOutput output) {
        String upstreamRepository = newRepository("team/down");
        ManifestDocument image = upstreamImage(upstreamRepository, "v1");
        // Revalidated at every pull: any pull after the first needs the upstream.
        String proxy = defineProxy(front.url(), Map.of("revalidateAfterSeconds", 0));
        String cached = proxy + "/" + upstreamRepository;
        List<String> blobs = blobsOf(registry.getManifest(cached, "v1"));
        blobs.forEach(blob -> assertThat(registry.getBlob(cached, blob).statusCode()).isEqualTo(200));

        front.down = true;
        Response stale = registry.getManifest(cached, "v1");
        assertThat(stale.statusCode()).as(OciErrors.describe(stale)).isEqualTo(200);
        assertThat(stale.header("Docker-Content-Digest")).isEqualTo(image.digest());
        assertThat(registry.getManifest(cached, image.digest()).statusCode()).isEqualTo(200);
        blobs.forEach(blob -> assertThat(registry.getBlob(cached, blob).statusCode()).isEqualTo(200));
        assertUnavailable(registry.getManifest(cached, "never-cached"));

        assertThat(adminGet(proxy).getLong("staleServes")).isEqualTo(1);
        assertThat(output.getOut()).contains("serving " + cached + ":v1 as cached");
        assertThat(metric("wharf_registry_proxy_stale_serves_total", proxy)).isEqualTo(1.0);
    }

    @Test
    void aTagMovedUpstreamIsFetchedAgainAfterTheRevalidationInterval() throws Exception {
        String upstreamRepository = newRepository("team/moving");
        ManifestDocument first = upstreamImage(upstreamRepository, "latest");
        // Long enough that pushing the new image upstream fits in it on a busy machine.
        String proxy = defineProxy(front.url(), Map.of("revalidateAfterSeconds", 3));
        String cached = proxy + "/" + upstreamRepository;
        assertThat(registry.getManifest(cached, "latest").header("Docker-Content-Digest")).isEqualTo(first.digest());

        ManifestDocument second = upstreamImage(upstreamRepository, "latest");
        assertThat(registry.getManifest(cached, "latest").header("Docker-Content-Digest"))
                .as("within the interval").isEqualTo(first.digest());
        Thread.sleep(3100);
        assertThat(registry.getManifest(cached, "latest").header("Docker-Content-Digest"))
                .as("after the interval").isEqualTo(second.digest());
        assertThat(front.count("HEAD", "/v2/" + upstreamRepository + "/manifests/latest")).isEqualTo(1);
        assertThat(registry.getManifest(cached, first.digest()).statusCode()).as("the old one by digest")
                .isEqualTo(200);
    }

    @Test
    void anUpstream429ReachesTheClientWithItsRetryAfter() {
        String upstreamRepository = newRepository("team/limited");
        upstreamImage(upstreamRepository, "v1");
        String proxy = defineProxy(front.url(), Map.of());
        front.rateLimitRetryAfter = "7";

        Response limited = registry.getManifest(proxy + "/" + upstreamRepository, "v1");

        OciErrors.assertError(limited, 429, "TOOMANYREQUESTS");
        assertThat(limited.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void pushesIntoACacheAreRefusedSayingWhy() {
        String proxy = defineProxy(front.url(), Map.of());
        String cached = proxy + "/team/app";

        Response upload = registry.given().post("/v2/" + cached + "/blobs/uploads/");
        OciErrors.assertError(upload, 403, "DENIED");
        assertThat(upload.jsonPath().getString("errors[0].message")).isEqualTo(proxy + " is a pull-through cache of "
                + front.url() + ": pushes are refused; push to your own namespace instead");
        ManifestDocument manifest = ManifestBuilder.ociImage(TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_CONFIG))
                .build();
        OciErrors.assertError(registry.putManifest(cached, "v1", manifest), 403, "DENIED");
        OciErrors.assertError(registry.given().delete("/v2/" + cached + "/manifests/v1"), 403, "DENIED");
    }

    @Test
    void aMultiPlatformIndexIsCachedAndEachPlatformWhenPulled() {
        String upstreamRepository = newRepository("team/multi");
        ManifestDocument amd64 = upstreamManifestByDigest(upstreamRepository, upstreamImageManifest(upstreamRepository));
        ManifestDocument arm64 = upstreamManifestByDigest(upstreamRepository, upstreamImageManifest(upstreamRepository));
        ManifestDocument index = distribution.pushManifest(upstreamRepository, "v1", ManifestBuilder.ociIndex(
                amd64.descriptor(), arm64.descriptor()).build());
        String proxy = defineProxy(front.url(), Map.of());
        String cached = proxy + "/" + upstreamRepository;

        Response fetchedIndex = registry.getManifest(cached, "v1");
        assertThat(fetchedIndex.header("Docker-Content-Digest")).isEqualTo(index.digest());
        Response platform = registry.getManifest(cached, amd64.digest());
        assertThat(platform.statusCode()).as(OciErrors.describe(platform)).isEqualTo(200);
        assertThat(platform.asByteArray()).isEqualTo(amd64.bytes());
        blobsOf(platform).forEach(blob -> assertThat(registry.getBlob(cached, blob).statusCode()).isEqualTo(200));

        front.down = true;
        assertThat(registry.getManifest(cached, amd64.digest()).statusCode()).isEqualTo(200);
        assertThat(registry.getManifest(cached, index.digest()).statusCode()).isEqualTo(200);
        assertThat(front.count("GET", "/v2/" + upstreamRepository + "/manifests/" + arm64.digest()))
                .as("a platform nobody pulled").isZero();
    }

    @Test
    void aCacheOverItsLimitEvictsTheLeastRecentlyPulledButNotWhatIsBeingPulled() throws Exception {
        String older = newRepository("team/older");
        String newer = newRepository("team/newer");
        ManifestDocument olderImage = distribution.pushManifest(older, "v1", imageWithLayer(older, 64 * 1024));
        ManifestDocument newerImage = distribution.pushManifest(newer, "v1", imageWithLayer(newer, 64 * 1024));
        String proxy = defineProxy(front.url(), Map.of("sizeLimitBytes", 100 * 1024));
        pullWhole(proxy + "/" + older, "v1");
        Thread.sleep(1100);
        pullWhole(proxy + "/" + newer, "v1");
        // Each fetched blob is stored right after its last byte went out.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(adminGet(proxy).getLong("usedBytes")).isGreaterThan(128 * 1024));

        Response evicted = registry.given().post("/admin/proxies/" + proxy + "/evict");
        assertThat(evicted.jsonPath().getInt("evictedManifests")).isEqualTo(1);

        assertThat(adminGet(proxy).getLong("usedBytes")).isLessThanOrEqualTo(100 * 1024);
        front.down = true;
        assertThat(registry.getManifest(proxy + "/" + newer, newerImage.digest()).statusCode()).isEqualTo(200);
        assertUnavailable(registry.getManifest(proxy + "/" + older, olderImage.digest()));
    }

    @Test
    void aTokenAuthenticatedUpstreamIsPulledWithCredentialsThatNeverShow(CapturedOutput output) {
        String upstreamRepository = newRepository("team/private");
        ManifestDocument image = upstreamImage(upstreamRepository, "v1");
        String proxy = defineProxy(tokenFront.url(), Map.of("username", "cacher", "password", PASSWORD));

        Response manifest = registry.getManifest(proxy + "/" + upstreamRepository, "v1");
        assertThat(manifest.statusCode()).as(OciErrors.describe(manifest)).isEqualTo(200);
        assertThat(manifest.header("Docker-Content-Digest")).isEqualTo(image.digest());
        blobsOf(manifest).forEach(blob -> assertThat(fetchBlobQuietly(proxy + "/" + upstreamRepository, blob))
                .isNotNull());
        assertThat(tokenFront.count("GET", "/token")).isGreaterThanOrEqualTo(1);

        // Replacing the settings without a password keeps the stored one.
        defineProxy(proxy, tokenFront.url(), Map.of("username", "cacher", "revalidateAfterSeconds", 0));
        assertThat(registry.getManifest(proxy + "/" + upstreamRepository, "v1").statusCode()).isEqualTo(200);

        String listing = registry.given().get("/admin/proxies").asString();
        String one = registry.given().get("/admin/proxies/" + proxy).asString();
        assertThat(adminGet(proxy).getBoolean("hasCredentials")).isTrue();
        assertThat(listing + one).doesNotContain(PASSWORD).doesNotContain("password");
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void theMirrorServesTopLevelNamesWithoutALocalRepository() {
        String name = "mirrored" + PROXY_SEQUENCE.incrementAndGet();
        ManifestDocument image = upstreamImage("library/" + name, "v1");
        String proxy = defineProxy(front.url(), Map.of("mirror", true));
        try {
            Response mirrored = registry.getManifest("library/" + name, "v1");
            assertThat(mirrored.statusCode()).as(OciErrors.describe(mirrored)).isEqualTo(200);
            assertThat(mirrored.header("Docker-Content-Digest")).isEqualTo(image.digest());
            assertThat(registry.getManifest(name, "v1").statusCode()).isEqualTo(200);
            // One cache for the mirror path and the proxy's namespace.
            assertThat(registry.getManifest(proxy + "/library/" + name, "v1").statusCode()).isEqualTo(200);
            assertThat(front.count("GET", "/v2/library/" + name + "/manifests/v1")).isEqualTo(1);

            // A HEAD there is a pusher's question (pullers GET): only what the cache holds counts, the upstream is not
            // asked; a GET fetches the blob.
            List<String> blobs = blobsOf(mirrored);
            String layer = blobs.get(blobs.size() - 1);
            assertThat(registry.given().head("/v2/library/" + name + "/blobs/" + layer).statusCode()).isEqualTo(404);
            assertThat(front.count("HEAD", "/v2/library/" + name + "/blobs/" + layer)
                    + front.count("GET", "/v2/library/" + name + "/blobs/" + layer)).isZero();
            assertThat(registry.getBlob("library/" + name, layer).statusCode()).isEqualTo(200);
            // The fetch commits the blob just after its last byte went out.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    registry.given().head("/v2/library/" + name + "/blobs/" + layer).statusCode()).isEqualTo(200));

            // A local push to the top-level name shadows the mirror from then on.
            ManifestDocument local = registry.pushImage("library/" + name, "v1");
            assertThat(registry.getManifest("library/" + name, "v1").header("Docker-Content-Digest"))
                    .isEqualTo(local.digest());
        } finally {
            assertThat(registry.given().delete("/admin/proxies/" + proxy).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void badSettingsAreRefusedWithEveryReason() {
        Response refused = registry.given().contentType("application/json")
                .body(Map.of("upstream", "ftp://example", "include", List.of("Bad*")))
                .put("/admin/proxies/library");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("library").contains("http://")
                .contains("Bad*");
        OciErrors.assertError(registry.given().get("/admin/proxies/none-such"), 404, "NAME_UNKNOWN");
    }

    // ---- helpers

    /** Distribution's code for a dependency that cannot be reached (not in the spec's table, so checked here). */
    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(503);
        assertThat(response.jsonPath().getString("errors[0].code")).isEqualTo("UNAVAILABLE");
    }

    private String defineProxy(String upstream, Map<String, Object> settings) {
        return defineProxy("cache" + PROXY_SEQUENCE.incrementAndGet(), upstream, settings);
    }

    private String defineProxy(String name, String upstream, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("upstream", upstream);
        Response response = registry.given().contentType("application/json").body(body)
                .put("/admin/proxies/" + name);
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        return name;
    }

    private JsonPath adminGet(String proxy) {
        Response response = registry.given().get("/admin/proxies/" + proxy);
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        return response.jsonPath();
    }

    /**
     * Pushes a blob to Distribution, which takes no monolithic {@code POST ?digest=}: a session, then its {@code PUT}.
     */
    private static TestBlob upstreamBlob(String repository, TestBlob blob) {
        String location = distribution.startUpload(repository);
        Response finished = distribution.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        return blob;
    }

    private static ManifestDocument upstreamImageManifest(String repository) {
        return imageWithLayer(repository, 2048);
    }

    private static ManifestDocument upstreamManifestByDigest(String repository, ManifestDocument manifest) {
        return distribution.pushManifest(repository, manifest.digest(), manifest);
    }

    private static ManifestDocument upstreamImage(String repository, String tag) {
        return distribution.pushManifest(repository, tag, upstreamImageManifest(repository));
    }

    private static ManifestDocument imageWithLayer(String repository, int layerSize) {
        TestBlob config = upstreamBlob(repository, TestBlob.randomConfig());
        TestBlob layer = upstreamBlob(repository, TestBlob.random(layerSize));
        return ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG), layer.descriptor(TestBlob.OCI_LAYER))
                .build();
    }

    private void pullWhole(String repository, String tag) {
        Response manifest = registry.getManifest(repository, tag);
        assertThat(manifest.statusCode()).as(OciErrors.describe(manifest)).isEqualTo(200);
        blobsOf(manifest).forEach(blob -> assertThat(registry.getBlob(repository, blob).statusCode()).isEqualTo(200));
    }

    private static List<String> blobsOf(Response imageManifest) {
        JsonPath manifest = imageManifest.jsonPath();
        List<String> blobs = new ArrayList<>();
        blobs.add(manifest.getString("config.digest"));
        blobs.addAll(manifest.getList("layers.digest", String.class));
        return blobs;
    }

    /** A blob GET with the JDK client, which fails on a connection that breaks before Content-Length bytes. */
    private byte[] fetchBlob(String repository, String digest) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port() + "/v2/" + repository + "/blobs/" + digest)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                byte[] bytes = body.readAllBytes();
                return answer.statusCode() == 200 ? bytes : null;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }

    /** A blob GET that counts {@code received} down once {@code bytes} of the body arrived. */
    private byte[] fetchBlobSignalling(String repository, String digest, int bytes, CountDownLatch received)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                + "/v2/" + repository + "/blobs/" + digest)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int count; (count = in.read(buffer)) >= 0; ) {
                body.write(buffer, 0, count);
                if (body.size() >= bytes) {
                    received.countDown();
                }
            }
        } finally {
            received.countDown();
        }
        return body.toByteArray();
    }

    /**
     * A blob GET over a socket with a small receive buffer that reads nothing for {@code pause}: the registry's writes
     * to it block meanwhile. The body as received up to the end of the connection (shorter if the answer broke off).
     */
    private byte[] fetchBlobSlowly(String repository, String digest, Duration pause) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 * 1024);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
            socket.getOutputStream().write(("GET /v2/" + repository + "/blobs/" + digest + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(pause.toMillis());
            byte[] answer = socket.getInputStream().readAllBytes();
            int headersEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(answer, 0, headersEnd, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            return Arrays.copyOfRange(answer, headersEnd + 4, answer.length);
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int at = 0; at + part.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        throw new AssertionError("no end of the headers in an answer of " + bytes.length + " bytes");
    }

    private byte[] fetchBlobQuietly(String repository, String digest) {
        try {
            return fetchBlob(repository, digest);
        } catch (IOException failed) {
            throw new AssertionError(failed);
        }
    }

    private interface Fetch {
        byte[] get() throws IOException;
    }

    /** Runs {@code clients} fetches at once (released together); their results in order. */
    private static List<byte[]> concurrently(int clients, Fetch fetch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return fetch.get();
                }));
            }
            start.countDown();
            List<byte[]> bodies = new ArrayList<>();
            for (Future<byte[]> result : results) {
                bodies.add(result.get(60, TimeUnit.SECONDS));
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    private double metric(String name, String proxy) {
        String text = registry.given().port(managementPort()).get("/actuator/prometheus").asString();
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains("proxy=\"" + proxy + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Where the storage driver keeps a blob's content, as {@link #storedFiles} names it. */
    private static String storedBlob(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return "blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
    }
}
