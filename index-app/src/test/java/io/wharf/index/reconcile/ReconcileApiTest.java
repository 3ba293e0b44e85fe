package io.wharf.index.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.StubRegistry;
import io.wharf.index.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code POST /api/admin/reconcile} against a registry served over HTTP by {@link StubRegistry}, whose catalog takes three pages. */
class ReconcileApiTest extends IndexAppTestSupport {

    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final StubRegistry REGISTRY = startRegistry();

    @DynamicPropertySource
    static void registryUrl(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.registry-url", REGISTRY::url);
    }

    @Autowired
    private RegistryClient registryClient;

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    /**
     * A page of 25 tags the index knows no signatures of is one question to the registry; pages asked at once hold at
     * most eight of the registry's connections, which every client shares.
     */
    @Test
    void aPageOfReferrersIsOneQuestionAndFewAreAskedAtOnce() throws Exception {
        int pages = 3 * RegistryClient.MAX_REFERRERS_IN_FLIGHT;
        int questionsBefore = REGISTRY.referrersRequests();
        ExecutorService views = Executors.newFixedThreadPool(pages);
        try {
            List<Future<Map<String, ?>>> answers = new ArrayList<>();
            List<List<String>> asked = new ArrayList<>();
            for (int page = 0; page < pages; page++) {
                List<String> digests = digests("page-" + page + "-", 25);
                asked.add(digests);
                answers.add(views.submit(() -> registryClient.referrers("someone/app", digests)));
            }
            for (int page = 0; page < pages; page++) {
                assertThat(answers.get(page).get(30, TimeUnit.SECONDS)).containsOnlyKeys(asked.get(page));
            }
        } finally {
            views.shutdownNow();
        }

        assertThat(REGISTRY.referrersRequests() - questionsBefore).isEqualTo(pages);
        assertThat(REGISTRY.mostReferrersInFlight()).isBetween(2, RegistryClient.MAX_REFERRERS_IN_FLIGHT);
    }

    private static List<String> digests(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> digest(prefix + i)).toList();
    }

    /**
     * One test, because the stub's catalog is shared: the index starts with a wrong, a missing and a stale
     * tag, and a repository the registry no longer has; the registry also holds a repository the index
     * has never heard of, one in a namespace nobody holds, and one without namespace.
     */
    @Test
    void rebuildsRepositoriesAndTagsFromTheRegistryAndReportsTheChanges() {
        String alice = createUser();
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        sendEvents(tagPush(alice + "/app", "latest", digest("old"), past),
                tagPush(alice + "/app", "gone", digest("gone"), past),
                tagPush(alice + "/deleted", "v1", digest("deleted"), past));
        // Images are described as the registry's push events describe them: config plus layers, and the
        // platform their config names (one config is "in the bucket": its GET is redirected).
        String armConfig = "{\"architecture\":\"arm64\",\"variant\":\"v8\",\"os\":\"linux\",\"rootfs\":{}}";
        String amdConfig = "{\"architecture\":\"amd64\",\"os\":\"linux\"}";
        REGISTRY.putBlob(digest("arm-config"), armConfig, true);
        REGISTRY.putBlob(digest("amd-config"), amdConfig, false);
        String image = image(DOCKER_IMAGE_CONFIG, digest("arm-config"), armConfig.length(), 1000, 2345);
        String otherImage = image(DOCKER_IMAGE_CONFIG, digest("amd-config"), amdConfig.length(), 777);
        String chart = image("application/vnd.cncf.helm.config.v1+json", digest("chart-config"), 120, 4000);
        String multi = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + "{\"digest\":\"" + digest("amd") + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                + "{\"digest\":\"" + digest("arm") + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}";
        REGISTRY.put(alice + "/app", "latest", new StubRegistry.Manifest(digest("new"), IMAGE_MANIFEST, image));
        REGISTRY.put(alice + "/app", "v1", new StubRegistry.Manifest(digest("other"), IMAGE_MANIFEST, otherImage));
        REGISTRY.put(alice + "/app", "chart", new StubRegistry.Manifest(digest("chart"), IMAGE_MANIFEST, chart));
        REGISTRY.put(alice + "/multi", "latest", new StubRegistry.Manifest(digest("multi"), OCI_INDEX, multi));
        REGISTRY.putEmpty(alice + "/empty");
        REGISTRY.put(uniqueName("nobody") + "/app", "latest", new StubRegistry.Manifest(digest("x"), IMAGE_MANIFEST, image));
        REGISTRY.put("ab/app", "latest", new StubRegistry.Manifest(digest("x"), IMAGE_MANIFEST, image));

        asUser(alice).contentType(ContentType.JSON).post("/api/admin/reconcile").then().statusCode(403);
        asAdmin().contentType(ContentType.JSON).post("/api/admin/reconcile")
                .then().statusCode(200)
                .body("repositoriesChecked", equalTo(5))
                .body("repositoriesAdded", equalTo(2))
                .body("tagsAdded", equalTo(3))
                .body("tagsUpdated", equalTo(1))
                .body("tagsRemoved", equalTo(2))
                .body("repositoriesSkipped.size()", equalTo(2));

        asUser(alice).get("/api/repositories/" + alice + "/app/-/tags")
                .then().body("name", contains("chart", "latest", "v1"))
                .body("digest", contains(digest("chart"), digest("new"), digest("other")))
                .body("size", contains(120 + 4000, armConfig.length() + 1000 + 2345, amdConfig.length() + 777))
                .body("platforms", contains(List.of(),
                        List.of(Map.of("os", "linux", "architecture", "arm64", "variant", "v8")),
                        List.of(Map.of("os", "linux", "architecture", "amd64"))));
        // The bucket's URL got no token; an artifact's config is not read.
        assertThat(REGISTRY.authorizationOf("/bucket/" + digest("arm-config"))).isEqualTo("null");
        assertThat(REGISTRY.authorizationOf("/v2/" + alice + "/app/blobs/" + digest("amd-config"))).startsWith("Bearer ");
        assertThat(REGISTRY.authorizationOf("/v2/" + alice + "/app/blobs/" + digest("chart-config"))).isNull();
        asUser(alice).get("/api/repositories/" + alice + "/multi/-/tags")
                .then().body("[0].mediaType", equalTo(OCI_INDEX))
                .body("[0].platforms", equalTo(List.of(Map.of("os", "linux", "architecture", "amd64"),
                        Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))));
        asUser(alice).get("/api/repositories/" + alice + "/empty/-/tags").then().statusCode(200).body("$", empty());
        asUser(alice).get("/api/repositories/" + alice + "/deleted/-/tags").then().statusCode(200).body("$", empty());
        assertThat(grants(bearerOf("/v2/_catalog"))).containsExactly(Map.entry("catalog", Set.of("*")));
        assertThat(grants(bearerOf("/v2/" + alice + "/app/tags/list")))
                .containsExactly(Map.entry(alice + "/app", Set.of("pull")));

        // Nothing left to change; then the registry loses a tag.
        asAdmin().contentType(ContentType.JSON).post("/api/admin/reconcile")
                .then().statusCode(200)
                .body("repositoriesAdded", equalTo(0)).body("tagsAdded", equalTo(0))
                .body("tagsUpdated", equalTo(0)).body("tagsRemoved", equalTo(0));
        REGISTRY.remove(alice + "/app", "v1");
        asAdmin().contentType(ContentType.JSON).post("/api/admin/reconcile").then().statusCode(200).body("tagsRemoved", equalTo(1));
        asUser(alice).get("/api/repositories/" + alice + "/app/-/tags").then().body("name", contains("chart", "latest"));

        REGISTRY.failing(true);
        asAdmin().contentType(ContentType.JSON).post("/api/admin/reconcile").then().statusCode(502).body("error", equalTo("bad_gateway"));
        REGISTRY.failing(false);
    }

    private static String image(String configMediaType, String configDigest, int configSize, int... layerSizes) {
        String layers = Arrays.stream(layerSizes)
                .mapToObj(size -> "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                        + digest("layer-" + size) + "\",\"size\":" + size + "}")
                .collect(Collectors.joining(","));
        return "{\"schemaVersion\":2,\"mediaType\":\"" + IMAGE_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + configMediaType + "\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize
                + "},\"layers\":[" + layers + "]}";
    }

    private static String bearerOf(String path) {
        String authorization = REGISTRY.authorizationOf(path);
        assertThat(authorization).startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }

    private static StubRegistry startRegistry() {
        try {
            return new StubRegistry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
