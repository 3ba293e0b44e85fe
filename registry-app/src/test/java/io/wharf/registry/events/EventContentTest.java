package io.wharf.registry.events;

import static io.wharf.registry.events.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** What the registry tells event endpoints about pushes and deletes, in Distribution's envelope. */
class EventContentTest extends EventsTestBase {

    @Autowired
    RegistryEvents events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void pushByTagSendsOnePushEventDescribingTheManifest() {
        String repository = newRepository("tagged");
        ManifestDocument manifest = registry.pushImage(repository, "v1");

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        JsonNode event = RECEIVER.acceptedEventsAbout(repository).get(0);
        assertThat(UUID.fromString(event.path("id").asString())).isNotNull();
        assertThat(Instant.parse(event.path("timestamp").asString())).isBefore(Instant.now());
        assertThat(event.path("action").asString()).isEqualTo("push");
        JsonNode target = event.path("target");
        assertThat(target.path("mediaType").asString()).isEqualTo(ManifestBuilder.OCI_MANIFEST);
        assertThat(target.path("digest").asString()).isEqualTo(manifest.digest());
        assertThat(target.path("size").asLong()).isEqualTo(manifest.bytes().length);
        assertThat(target.path("length").asLong()).isEqualTo(manifest.bytes().length);
        assertThat(target.path("repository").asString()).isEqualTo(repository);
        assertThat(target.path("tag").asString()).isEqualTo("v1");
        assertThat(target.path("url").asString()).isEqualTo(
                "http://127.0.0.1:" + port + "/v2/" + repository + "/manifests/" + manifest.digest());
        assertThat(target.path("platforms")).as("the platform of the image's config")
                .isEqualTo(json("[{\"os\": \"linux\", \"architecture\": \"amd64\"}]"));
        JsonNode request = event.path("request");
        assertThat(request.path("method").asString()).isEqualTo("PUT");
        assertThat(request.path("host").asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(request.path("addr").asString()).startsWith("127.0.0.1:");
        assertThat(request.path("id").asString()).isNotEmpty();
        assertThat(event.path("actor").isObject()).isTrue();
        assertThat(event.path("actor").has("name")).as("anonymous actor").isFalse();
        assertThat(event.path("source").path("addr").asString()).endsWith(":" + port);
        assertThat(event.path("source").path("instanceID").asString()).isNotEmpty();

        EventReceiver.Delivery delivery = RECEIVER.deliveries().stream()
                .filter(candidate -> candidate.events().contains(event)).findFirst().orElseThrow();
        assertThat(delivery.contentType()).isEqualTo(EVENTS_MEDIA_TYPE);
        assertThat(delivery.authorization()).isEqualTo("Bearer " + SECRET);
    }

    @Test
    void imagePushesTellTheCompressedImageSize() {
        String repository = newRepository("image-size");
        ManifestDocument manifest = registry.pushImage(repository, "v1");

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        JsonNode pushed = json(new String(manifest.bytes(), StandardCharsets.UTF_8));
        long expected = pushed.path("config").path("size").asLong();
        for (JsonNode layer : pushed.path("layers")) {
            expected += layer.path("size").asLong();
        }
        assertThat(RECEIVER.acceptedEventsAbout(repository).get(0).path("target").path("imageSize").asLong())
                .isEqualTo(expected).isPositive();
    }

    @Test
    void aPullIsTheVersionCheckAndTheDownloadsItLeadsTo() throws InterruptedException {
        String repository = newRepository("pulls");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        String byTag = "/v2/" + repository + "/manifests/v1";
        String byDigest = "/v2/" + repository + "/manifests/" + manifest.digest();
        // A docker pull of an image the engine does not hold: the tag resolved by HEAD, then the manifest by digest.
        registry.given().head(byTag).then().statusCode(200);
        registry.given().get(byDigest).then().statusCode(200);
        eventually().until(() -> RECEIVER.pullsReportedAbout(repository) == 1);

        Thread.sleep(PULL_WINDOW.plusMillis(200).toMillis());
        // Checking content already named by its digest is no pull.
        registry.given().head(byDigest).then().statusCode(200);
        Thread.sleep(PULL_REPORT_INTERVAL.multipliedBy(3).toMillis());
        assertThat(RECEIVER.pullsReportedAbout(repository)).isEqualTo(1);
        // A docker pull of an image the engine holds: the HEAD of the tag alone.
        registry.given().head(byTag).then().statusCode(200);
        eventually().until(() -> RECEIVER.pullsReportedAbout(repository) == 2);

        List<JsonNode> pulls = RECEIVER.acceptedEventsAbout(repository).stream()
                .filter(event -> event.path("action").asString().equals("pull")).toList();
        assertThat(pulls).allSatisfy(event -> assertThat(event.path("target").has("digest")).isFalse());
        assertThat(pulls).as("both pulls started by the tag").allSatisfy(event -> {
            JsonNode tagPulls = event.path("target").path("tags").path("v1");
            assertThat(Instant.parse(tagPulls.path("lastPulledAt").asString())).isBefore(Instant.now());
        }).extracting(event -> event.path("target").path("tags").path("v1").path("count").asLong())
                .containsOnly(1L).hasSize(2);
    }

    @Test
    void aPullByDigestCountsForTheRepositoryButNoTag() {
        String repository = newRepository("digest-pulls");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        registry.given().get("/v2/" + repository + "/manifests/" + manifest.digest()).then().statusCode(200);

        eventually().until(() -> RECEIVER.pullsReportedAbout(repository) == 1);
        JsonNode pull = RECEIVER.acceptedEventsAbout(repository).stream()
                .filter(event -> event.path("action").asString().equals("pull")).findFirst().orElseThrow();
        assertThat(pull.path("target").has("tags")).isFalse();
    }

    @Test
    void pushByDigestHasNoTag() {
        String repository = newRepository("by-digest");
        ManifestDocument manifest = registry.pushByDigest(repository, registry.dockerImage(repository));

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        JsonNode target = RECEIVER.acceptedEventsAbout(repository).get(0).path("target");
        assertThat(target.path("digest").asString()).isEqualTo(manifest.digest());
        assertThat(target.path("mediaType").asString()).isEqualTo(ManifestBuilder.DOCKER_MANIFEST);
        assertThat(target.has("tag")).isFalse();
    }

    @Test
    void pushByDigestWithTagsSendsOnePushEventPerTag() {
        String repository = newRepository("by-digest-tags");
        ManifestDocument manifest = registry.dockerImage(repository);
        Response pushed = registry.given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put("/v2/" + repository + "/manifests/" + manifest.digest() + "?tag=a&tag=b");
        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 2);
        assertThat(RECEIVER.acceptedEventsAbout(repository)).extracting(
                        event -> event.path("action").asString(), event -> event.path("target").path("tag").asString(),
                        event -> event.path("target").path("digest").asString())
                .containsExactlyInAnyOrder(tuple("push", "a", manifest.digest()),
                        tuple("push", "b", manifest.digest()));
    }

    @Test
    void indexPushCarriesThePlatformsOfItsManifests() {
        String repository = newRepository("index");
        ManifestDocument amd64 = registry.pushByDigest(repository, registry.ociImage(repository));
        ManifestDocument arm64 = registry.pushByDigest(repository, registry.ociImage(repository));
        ManifestDocument index = registry.pushManifest(repository, "multi", ManifestBuilder.ociIndex(
                amd64.descriptor().platform("linux", "amd64"),
                arm64.descriptor().with("platform", Map.of("os", "linux", "architecture", "arm64", "variant", "v8")))
                .build());

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 3);
        List<JsonNode> received = RECEIVER.acceptedEventsAbout(repository);
        assertThat(received).extracting(event -> event.path("target").path("digest").asString())
                .containsExactly(amd64.digest(), arm64.digest(), index.digest());
        JsonNode target = received.get(2).path("target");
        assertThat(target.path("tag").asString()).isEqualTo("multi");
        assertThat(target.path("platforms")).isEqualTo(json("""
                [{"os": "linux", "architecture": "amd64"},
                 {"os": "linux", "architecture": "arm64", "variant": "v8"}]"""));
    }

    @Test
    void imagePushesCarryThePlatformOfTheirConfig() {
        String repository = newRepository("image-platform");
        TestBlob layer = registry.pushBlob(repository, TestBlob.random(512));
        TestBlob armConfig = registry.pushBlob(repository, TestBlob.of("""
                {"architecture": "arm64", "os": "linux", "variant": "v8", "rootfs": {"type": "layers"}}"""));
        TestBlob windowsConfig = registry.pushBlob(repository, TestBlob.of("""
                {"architecture": "amd64", "os": "windows", "os.version": "10.0.17763.5329", "variant": ""}"""));
        ManifestDocument arm = registry.pushManifest(repository, "oci", ManifestBuilder.ociImage(
                armConfig.descriptor(TestBlob.OCI_CONFIG), layer.descriptor(TestBlob.OCI_LAYER)).build());
        registry.pushManifest(repository, "docker", ManifestBuilder.dockerImage(
                windowsConfig.descriptor(TestBlob.DOCKER_CONFIG), layer.descriptor(TestBlob.DOCKER_LAYER)).build());
        registry.pushManifest(repository, "oci-again", arm);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 3);
        List<JsonNode> received = RECEIVER.acceptedEventsAbout(repository);
        assertThat(received.get(0).path("target").path("platforms")).isEqualTo(json("""
                [{"os": "linux", "architecture": "arm64", "variant": "v8"}]"""));
        assertThat(received.get(2).path("target").path("platforms")).as("the same config pushed again")
                .isEqualTo(received.get(0).path("target").path("platforms"));
        assertThat(received.get(1).path("target").path("mediaType").asString())
                .isEqualTo(ManifestBuilder.DOCKER_MANIFEST);
        assertThat(received.get(1).path("target").path("platforms")).isEqualTo(json("""
                [{"os": "windows", "architecture": "amd64", "os.version": "10.0.17763.5329"}]"""));
    }

    @Test
    void artifactsAndUnreadableConfigsGetNoPlatformButArePushed() {
        String repository = newRepository("no-platform");
        TestBlob layer = registry.pushBlob(repository, TestBlob.random(512));
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        // Another config type names a platform too: only image configs are read.
        TestBlob chartConfig = registry.pushBlob(repository, TestBlob.of("""
                {"name": "chart", "os": "linux", "architecture": "amd64"}"""));
        TestBlob notJson = registry.pushBlob(repository, TestBlob.of("{\"os\": \"linux\", \"architecture"));
        TestBlob noArchitecture = registry.pushBlob(repository, TestBlob.of("{\"os\": \"linux\"}"));
        registry.pushManifest(repository, "artifact", ManifestBuilder.ociArtifact("application/vnd.example.sbom",
                layer.descriptor(TestBlob.OCI_LAYER)).build());
        registry.pushManifest(repository, "chart", ManifestBuilder.ociImage(
                chartConfig.descriptor("application/vnd.cncf.helm.config.v1+json"),
                layer.descriptor(TestBlob.OCI_LAYER)).build());
        registry.pushManifest(repository, "malformed", ManifestBuilder.ociImage(
                notJson.descriptor(TestBlob.OCI_CONFIG), layer.descriptor(TestBlob.OCI_LAYER)).build());
        registry.pushManifest(repository, "partial", ManifestBuilder.dockerImage(
                noArchitecture.descriptor(TestBlob.DOCKER_CONFIG), layer.descriptor(TestBlob.DOCKER_LAYER)).build());

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 4);
        assertThat(RECEIVER.acceptedEventsAbout(repository)).extracting(event -> event.path("target"))
                .extracting(target -> target.path("tag").asString(), target -> target.has("platforms"),
                        target -> target.path("imageSize").asLong() > 0)
                .containsExactly(tuple("artifact", false, true), tuple("chart", false, true),
                        tuple("malformed", false, true), tuple("partial", false, true));
    }

    /** The index learns from it which manifest's referrers changed, instead of asking about every manifest. */
    @Test
    void aReferrersPushNamesItsSubject() {
        String repository = newRepository("subject");
        ManifestDocument image = registry.pushImage(repository, "v1");
        TestBlob signature = registry.pushBlob(repository, TestBlob.of("{\"critical\":{}}"));
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        registry.pushByDigest(repository, ManifestBuilder.ociArtifact("application/vnd.dev.cosign.artifact.sig.v1+json",
                signature.descriptor("application/vnd.dev.cosign.simplesigning.v1+json"))
                .subject(image.descriptor()).build());

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 2);
        assertThat(RECEIVER.acceptedEventsAbout(repository)).extracting(event -> event.path("target"))
                .extracting(target -> target.path("subject").asString(""))
                .containsExactly("", image.digest());
    }

    @Test
    void tagAndManifestDeletesAreDeleteEvents() {
        String repository = newRepository("deletes");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        registry.pushManifest(repository, "v2", manifest);
        registry.given().delete("/v2/" + repository + "/manifests/v2").then().statusCode(202);
        registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest()).then().statusCode(202);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 4);
        List<JsonNode> received = RECEIVER.acceptedEventsAbout(repository);
        assertThat(received).extracting(event -> event.path("action").asString())
                .containsExactly("push", "push", "delete", "delete");
        assertThat(received.get(2).path("target"))
                .isEqualTo(json("{\"repository\": \"" + repository + "\", \"tag\": \"v2\"}"));
        assertThat(received.get(3).path("target"))
                .isEqualTo(json("{\"repository\": \"" + repository + "\", \"digest\": \"" + manifest.digest() + "\"}"));
        assertThat(received.get(3).path("request").path("method").asString()).isEqualTo("DELETE");
    }

    @Test
    void aPushThatFailsWritesNoEvent() {
        String repository = newRepository("refused");
        ManifestDocument unknownBlobs = ManifestBuilder.ociImage(
                TestBlob.randomConfig().descriptor(TestBlob.OCI_CONFIG),
                TestBlob.random(64).descriptor(TestBlob.OCI_LAYER)).build();

        Response response = registry.putManifest(repository, "v1", unknownBlobs);

        OciErrors.assertError(response, 400, "MANIFEST_BLOB_UNKNOWN");
        assertThat(jdbc.sql("select count(*) from event_outbox where repository = :repository")
                .param("repository", repository).query(Long.class).single()).isZero();
    }

    @Test
    void repositoryDeleteEventCommitsOnlyWithItsTransaction() {
        String repository = newRepository("gone");
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            events.repositoryDeleted(repository);
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from event_outbox where repository = :repository")
                .param("repository", repository).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> events.repositoryDeleted(repository))
                .isInstanceOf(IllegalTransactionStateException.class);

        transaction.executeWithoutResult(status -> events.repositoryDeleted(repository));
        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        JsonNode event = RECEIVER.acceptedEventsAbout(repository).get(0);
        assertThat(event.path("action").asString()).isEqualTo("delete");
        assertThat(event.path("target")).isEqualTo(json("{\"repository\": \"" + repository + "\"}"));
        assertThat(event.path("request")).as("no HTTP request behind it").isEqualTo(json("{}"));
    }

    @Test
    void concurrentPushesAllSucceedWithAnEventEach() throws Exception {
        String repository = newRepository("race");
        ManifestDocument manifest = registry.ociImage(repository);
        int pushers = 8;

        pushConcurrently(repository, "latest", manifest, pushers);
        // The manifest exists now: these race only on inserting the new tag.
        pushConcurrently(repository, "stable", manifest, pushers);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 2 * pushers);
        assertThat(RECEIVER.acceptedEventsAbout(repository)).extracting(event -> event.path("target"))
                .allSatisfy(target -> assertThat(target.path("digest").asString()).isEqualTo(manifest.digest()))
                .extracting(target -> target.path("tag").asString())
                .containsOnly("latest", "stable");
        registry.getManifest(repository, "latest").then().statusCode(200);
        registry.getManifest(repository, "stable").then().statusCode(200);
    }

    /** {@code pushers} clients push the manifest under {@code tag} at the same moment; each must hear 201. */
    private void pushConcurrently(String repository, String tag, ManifestDocument manifest, int pushers)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(pushers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < pushers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return new RegistryClient(port).putManifest(repository, tag, manifest).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
