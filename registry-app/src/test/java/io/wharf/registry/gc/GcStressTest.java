package io.wharf.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.Descriptor;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.TestBlob;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes of images sharing layers (monolithic uploads, some mounts) by 8 clients, deletes of tags and manifests, and
 * garbage collection with a grace period of 2 s (untagged manifests removed after 2 s), all at once for a bounded
 * time. Afterwards every image whose push succeeded and that was not deleted pulls back whole, and storage holds only
 * blobs some manifest references. Here on the filesystem and H2; {@link GcStressOnS3Test} and
 * {@link GcStressOnPostgresTest} run it on the other storage driver and database.
 */
class GcStressTest extends LifecycleApiTest {

    private static final int PUSHERS = 8;
    private static final int MIN_PUSHES = 2 * PUSHERS;
    private static final int MIN_COLLECTIONS = 5;
    private static final int REPOSITORIES = 3;
    private static final int SHARED_LAYERS = 40;

    @Autowired
    JdbcTemplate database;

    private record Image(String repository, String tag, ManifestDocument manifest, List<TestBlob> blobs) {
    }

    private volatile Instant end;
    private volatile Instant hardEnd;
    private final List<String> repositories = new ArrayList<>();
    private final List<TestBlob> sharedLayers = new ArrayList<>();
    private final Map<String, Image> live = new ConcurrentHashMap<>();
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger refusedPushes = new AtomicInteger();
    private final AtomicInteger mounts = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicInteger blobsCollected = new AtomicInteger();

    /**
     * Whether the clients go on: for {@link #runTime}, and on a slow machine up to twice as long until the run has
     * been long enough to mean something (pushes, and collections that removed blobs while pushes went on).
     */
    private boolean running() {
        Instant now = Instant.now();
        boolean meaningful = pushes.get() >= MIN_PUSHES && collections.get() >= MIN_COLLECTIONS
                && blobsCollected.get() > 0;
        return now.isBefore(end) || (!meaningful && now.isBefore(hardEnd));
    }

    /** How long the clients run; the variants run shorter to keep the build's time in bounds. */
    protected Duration runTime() {
        return Duration.ofSeconds(20);
    }

    @Test
    void noCompletedPushLosesALayerWhileGarbageIsCollected() throws Exception {
        String prefix = newRepository("stress");
        for (int i = 0; i < REPOSITORIES; i++) {
            repositories.add(prefix + "/repo" + i);
        }
        for (int i = 0; i < SHARED_LAYERS; i++) {
            // 1 KiB to 1 MiB; more layers than pushes reuse within a grace period, so some are collected and pushed
            // again, racing the collection
            sharedLayers.add(TestBlob.random(1024 << (i % 11)));
        }
        end = Instant.now().plus(runTime());
        hardEnd = end.plus(runTime());
        ExecutorService clients = Executors.newFixedThreadPool(PUSHERS + 2);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < PUSHERS; i++) {
            int pusher = i;
            running.add(clients.submit(() -> push(pusher)));
        }
        running.add(clients.submit(this::delete));
        running.add(clients.submit(this::collect));
        clients.shutdown();
        for (Future<?> client : running) {
            client.get(2 * runTime().toSeconds() + 60, TimeUnit.SECONDS);
        }

        outwaitGracePeriod();
        // The first collection removes manifests left untagged by the deletes, the second the blobs they held.
        collectGarbage(false);
        collectGarbage(false);
        System.out.printf("stress: %d pushes (%d refused), %d mounts, %d deletes, %d collections removing %d blobs,"
                + " %d images left%n", pushes.get(), refusedPushes.get(), mounts.get(), deletes.get(),
                collections.get(), blobsCollected.get(), live.size());
        assertThat(pushes.get()).isGreaterThanOrEqualTo(MIN_PUSHES);
        assertThat(blobsCollected.get()).isPositive();
        Set<String> stored = storedBlobs();
        for (Image image : live.values()) {
            assertPullsBack(image, stored);
        }
        Set<String> referenced = new HashSet<>(database.queryForList(
                "select child_digest from manifest_reference where kind = 'BLOB'", String.class));
        assertThat(referenced).containsAll(stored);
    }

    /** The digests of the blob contents in storage, through the storage driver (disk or bucket). */
    private Set<String> storedBlobs() throws IOException {
        Set<String> digests = new HashSet<>();
        for (String path : storedFiles().keySet()) {
            // blobs/sha256/ab/<hex>/data
            String[] segments = path.split("/");
            if (segments.length == 5 && segments[0].equals("blobs") && segments[4].equals("data")) {
                digests.add(segments[1] + ":" + segments[3]);
            }
        }
        return digests;
    }

    private void push(int pusher) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; running(); i++) {
            String repository = repositories.get(random.nextInt(REPOSITORIES));
            List<TestBlob> blobs = List.of(TestBlob.randomConfig(), sharedLayers.get(random.nextInt(SHARED_LAYERS)),
                    sharedLayers.get(random.nextInt(SHARED_LAYERS)), TestBlob.random(1024 + random.nextInt(64 * 1024)));
            for (TestBlob blob : blobs) {
                if (!(random.nextInt(4) == 0 && mounted(repository, blob))) {
                    registry.pushBlob(repository, blob);
                }
            }
            ManifestDocument manifest = ManifestBuilder.ociImage(blobs.get(0).descriptor(TestBlob.OCI_CONFIG),
                    blobs.subList(1, blobs.size()).stream().distinct()
                            .map(layer -> layer.descriptor(TestBlob.OCI_LAYER)).toArray(
                                    Descriptor[]::new)).build();
            String tag = "p" + pusher + "-" + i;
            Response pushed = registry.putManifest(repository, tag, manifest);
            pushes.incrementAndGet();
            if (pushed.statusCode() == 201) {
                live.put(repository + ":" + tag, new Image(repository, tag, manifest, blobs));
            } else {
                // Legitimate only as the documented refusal: a link removed between the blob and the manifest push.
                assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(400);
                refusedPushes.incrementAndGet();
            }
        }
    }

    /** Mounts from another repository that may link the blob; a refused mount leaves a session to expire. */
    private boolean mounted(String repository, TestBlob blob) {
        String from = repositories.get(ThreadLocalRandom.current().nextInt(REPOSITORIES));
        Response response = registry.given().body(new byte[0])
                .post("/v2/" + repository + "/blobs/uploads/?mount=" + blob.digest() + "&from=" + from);
        if (response.statusCode() == 201) {
            mounts.incrementAndGet();
            return true;
        }
        return false;
    }

    private void delete() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running()) {
            List<String> keys = new ArrayList<>(live.keySet());
            if (keys.size() > 5) {
                Image image = live.remove(keys.get(random.nextInt(keys.size())));
                String reference = random.nextBoolean() ? image.tag() : image.manifest().digest();
                Response deleted = registry.given().delete("/v2/" + image.repository() + "/manifests/" + reference);
                assertThat(deleted.statusCode()).as(OciErrors.describe(deleted)).isEqualTo(202);
                deletes.incrementAndGet();
            }
            sleep(Duration.ofMillis(60));
        }
    }

    private void collect() {
        while (running()) {
            blobsCollected.addAndGet(collectGarbage(false).getInt("blobsRemoved"));
            collections.incrementAndGet();
            sleep(Duration.ofMillis(100));
        }
    }

    private void assertPullsBack(Image image, Set<String> stored) {
        Response manifest = registry.getManifest(image.repository(), image.tag());
        assertThat(manifest.statusCode()).as(image.repository() + ":" + image.tag()).isEqualTo(200);
        assertThat(manifest.asByteArray()).isEqualTo(image.manifest().bytes());
        for (TestBlob blob : image.blobs()) {
            Response pulled = registry.getBlob(image.repository(), blob.digest());
            assertThat(pulled.statusCode()).as(image.repository() + " " + blob.digest()).isEqualTo(200);
            assertThat(TestBlob.sha256(pulled.asByteArray())).isEqualTo(blob.digest());
            assertThat(stored).contains(blob.digest());
        }
    }
}
