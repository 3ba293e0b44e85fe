package io.wharf.registry.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.Descriptor;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pushes racing {@code DELETE /admin/repositories/<name>}: every step of a push (monolithic upload, the last chunk
 * and the closing {@code PUT} of a chunked upload, a mount, the manifest) that meets the deletion answers a spec
 * error — the session or repository is gone — never a 500, and whatever the repository holds afterwards is whole.
 */
class RepositoryDeleteRaceTest extends LifecycleApiTest {

    private static final int MAX_ROUNDS = 40;
    private static final Duration MAX_TIME = Duration.ofSeconds(25);
    /** Enough races to have met the deletion at several steps, yet reachable on a loaded 2-core machine. */
    private static final int MIN_ROUNDS = 5;
    private static final int PUSHERS = 2;
    /** What a push step may answer when the repository or its session vanished under it. */
    private static final Set<String> VANISHED = Set.of("NAME_UNKNOWN", "BLOB_UPLOAD_UNKNOWN", "BLOB_UNKNOWN",
            "MANIFEST_BLOB_UNKNOWN");

    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

    @Test
    void aPushRacingARepositoryDeleteNeverAnswers500() throws Exception {
        String donor = newRepository("race-donor");
        TestBlob lent = registry.pushBlob(donor, TestBlob.random(4096));
        String prefix = newRepository("race");
        ExecutorService clients = Executors.newFixedThreadPool(PUSHERS + 1);
        Instant end = Instant.now().plus(MAX_TIME);
        int rounds = 0;
        try {
            while (rounds < MAX_ROUNDS && Instant.now().isBefore(end)) {
                String repository = prefix + "/r" + rounds++;
                race(clients, repository, donor, lent);
                assertWhole(repository);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("delete race: %d rounds, outcomes %s%n", rounds, outcomes);
        assertThat(rounds).isGreaterThanOrEqualTo(MIN_ROUNDS);
        assertThat(outcomes.keySet()).as("some steps lost the race").anyMatch(outcome -> !outcome.startsWith("2"));
    }

    private void race(ExecutorService clients, String repository, String donor, TestBlob lent) throws Exception {
        registry.pushImage(repository, "before");
        List<String> sessions = new ArrayList<>();
        List<TestBlob> chunked = new ArrayList<>();
        for (int i = 0; i < PUSHERS; i++) {
            TestBlob blob = TestBlob.random(64 * 1024);
            String location = registry.startUpload(repository);
            Response first = registry.patchChunk(location, blob.slice(0, 32 * 1024), 0);
            assertThat(first.statusCode()).as(OciErrors.describe(first)).isEqualTo(202);
            sessions.add(RegistryClient.path(first.header("Location")));
            chunked.add(blob);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < PUSHERS; i++) {
            String session = sessions.get(i);
            TestBlob blob = chunked.get(i);
            running.add(clients.submit(() -> {
                start.await();
                push(repository, session, blob, donor, lent);
                return null;
            }));
        }
        running.add(clients.submit(() -> {
            start.await();
            Thread.sleep(ThreadLocalRandom.current().nextInt(300));
            Response deleted = registry.given().delete("/admin/repositories/" + repository);
            assertThat(deleted.statusCode()).as(OciErrors.describe(deleted)).isEqualTo(202);
            return null;
        }));
        start.countDown();
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
    }

    /** One client's push: every step is tried, the manifest lists the blobs whose steps succeeded. */
    private void push(String repository, String session, TestBlob chunked, String donor, TestBlob lent) {
        TestBlob config = TestBlob.randomConfig();
        TestBlob layer = TestBlob.random(16 * 1024);
        List<Descriptor> layers = new ArrayList<>();
        boolean configPushed = succeeded("monolithic", registry.given().contentType(TestBlob.OCTET_STREAM)
                .body(config.bytes()).post("/v2/" + repository + "/blobs/uploads/?digest=" + config.digest()));
        Response patched = registry.patchChunk(session, chunked.slice(32 * 1024, chunked.size()), 32 * 1024);
        if (succeeded("patch", patched) && succeeded("close",
                registry.finishUpload(RegistryClient.path(patched.header("Location")), chunked.digest()))) {
            layers.add(chunked.descriptor(TestBlob.OCI_LAYER));
        }
        Response mount = registry.given().body(new byte[0])
                .post("/v2/" + repository + "/blobs/uploads/?mount=" + lent.digest() + "&from=" + donor);
        if (succeeded("mount", mount) && mount.statusCode() == 201) {
            layers.add(lent.descriptor(TestBlob.OCI_LAYER));
        }
        if (succeeded("layer", registry.given().contentType(TestBlob.OCTET_STREAM).body(layer.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + layer.digest()))) {
            layers.add(layer.descriptor(TestBlob.OCI_LAYER));
        }
        if (configPushed && !layers.isEmpty()) {
            ManifestDocument manifest = ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                    layers.toArray(Descriptor[]::new)).build();
            succeeded("manifest", registry.putManifest(repository,
                    "t" + ThreadLocalRandom.current().nextInt(1000), manifest));
        }
    }

    /** Whether the step succeeded; a failure must be a spec error saying the repository or session vanished. */
    private boolean succeeded(String step, Response response) {
        int status = response.statusCode();
        outcomes.merge(status / 100 + "xx " + step, 1, Integer::sum);
        if (status / 100 == 2) {
            return true;
        }
        assertThat(status).as(step + ": " + OciErrors.describe(response)).isBetween(400, 499);
        assertThat(OciErrors.codes(response.asByteArray())).as(step + ": " + OciErrors.describe(response))
                .isNotEmpty().allMatch(VANISHED::contains);
        return false;
    }

    /** If the repository exists again (a push after the delete created it), every tag pulls back whole. */
    private void assertWhole(String repository) {
        Response tagList = registry.given().get("/v2/" + repository + "/tags/list");
        if (tagList.statusCode() == 404) {
            OciErrors.assertError(tagList, 404, "NAME_UNKNOWN");
            return;
        }
        assertThat(tagList.statusCode()).as(OciErrors.describe(tagList)).isEqualTo(200);
        List<String> tags = tagList.jsonPath().getList("tags");
        for (String tag : tags == null ? List.<String>of() : tags) {
            Response manifest = registry.getManifest(repository, tag);
            assertThat(manifest.statusCode()).as(OciErrors.describe(manifest)).isEqualTo(200);
            List<String> digests = new ArrayList<>(manifest.jsonPath().getList("layers.digest"));
            digests.add(manifest.jsonPath().getString("config.digest"));
            for (String digest : digests) {
                Response blob = registry.getBlob(repository, digest);
                assertThat(blob.statusCode()).as(repository + ":" + tag + " " + digest).isEqualTo(200);
            }
        }
    }
}
