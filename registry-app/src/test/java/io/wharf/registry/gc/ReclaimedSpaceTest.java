package io.wharf.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.Descriptor;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import io.wharf.storage.FileWriter;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Space a collection reclaims, counted in storage by each driver's subclass: images sharing layers across two
 * repositories are pushed, some deleted; after the grace period a dry run removes nothing and reports the bytes, the
 * collection then removes exactly the objects of the blobs nothing references any more, as many bytes as it reports,
 * and every image left pulls back whole. Upload data a crash left without its session goes once older than the upload
 * expiry, written through the driver as the crash leaves it. Each subclass names its driver in a property source of
 * its own, so it runs on a context (and storage) of its own: the counts are exact.
 */
abstract class ReclaimedSpaceTest extends LifecycleApiTest {

    /** One object under the storage's {@code blobs/}: the blob it holds (from its path) and its size. */
    protected record StoredObject(String digest, long size) {
    }

    /** Every object (file) below {@code blobs/} of the registry's storage. */
    protected abstract List<StoredObject> storedBlobObjects();

    private record Image(String repository, ManifestDocument manifest, List<TestBlob> blobs) {
    }

    @Autowired
    StorageDriver storage;

    @Autowired
    JdbcTemplate database;

    @Test
    void aCollectionRemovesExactlyTheUnreferencedBlobsAndTheBytesItReports() {
        String first = newRepository("reclaim");
        String second = newRepository("reclaim");
        TestBlob base = TestBlob.random(48 * 1024);
        TestBlob runtime = TestBlob.random(24 * 1024);
        TestBlob tooling = TestBlob.random(12 * 1024);
        Image kept = pushImage(first, List.of("v1"), base, runtime, TestBlob.random(1000));
        Image retagged = pushImage(second, List.of("v1", "latest"), base, TestBlob.random(2000));
        Image deleted = pushImage(first, List.of("old"), base, runtime, tooling, TestBlob.random(3000));
        Image deletedToo = pushImage(second, List.of("old"), base, tooling, TestBlob.random(4000));
        TestBlob orphan = registry.pushBlob(second, TestBlob.random(5000));

        deleteManifest(second, "latest");
        deleteManifest(first, deleted.manifest().digest());
        deleteManifest(second, deletedToo.manifest().digest());
        List<Image> remaining = List.of(kept, retagged);
        Map<String, Long> unreferenced = sizes(List.of(deleted, deletedToo, orphan));
        unreferenced.keySet().removeAll(sizes(remaining).keySet());
        long unreferencedBytes = unreferenced.values().stream().mapToLong(Long::longValue).sum();
        // base and runtime stay (kept images hold them), tooling goes with both images that held it
        assertThat(unreferenced).containsKey(tooling.digest()).doesNotContainKeys(base.digest(), runtime.digest())
                .hasSize(6);

        List<StoredObject> before = storedBlobObjects();
        assertThat(digests(before)).as("every blob pushed is stored once")
                .containsExactlyInAnyOrderElementsOf(sizes(List.of(kept, retagged, deleted, deletedToo, orphan))
                        .keySet());
        outwaitGracePeriod();

        JsonPath dryRun = collectGarbage(true);
        assertThat(dryRun.getBoolean("dryRun")).isTrue();
        assertThat(dryRun.getLong("blobsRemoved")).isEqualTo(unreferenced.size());
        assertThat(dryRun.getLong("bytesRemoved")).isEqualTo(unreferencedBytes);
        assertThat(storedBlobObjects()).as("a dry run removes nothing").containsExactlyInAnyOrderElementsOf(before);

        JsonPath collected = collectGarbage(false);
        List<StoredObject> after = storedBlobObjects();
        assertThat(collected.getBoolean("dryRun")).isFalse();
        assertThat(collected.getLong("blobsRemoved")).isEqualTo(unreferenced.size());
        assertThat(collected.getLong("bytesRemoved")).isEqualTo(unreferencedBytes);
        List<StoredObject> removed = new ArrayList<>(before);
        removed.removeAll(after);
        assertThat(before).containsAll(after);
        assertThat(removed).as("exactly the unreferenced blobs' objects are gone")
                .containsExactlyInAnyOrderElementsOf(unreferenced.entrySet().stream()
                        .map(blob -> new StoredObject(blob.getKey(), blob.getValue())).toList());
        assertThat(after.size()).isEqualTo(before.size() - collected.getLong("blobsRemoved"));
        assertThat(bytes(before) - bytes(after)).isEqualTo(collected.getLong("bytesRemoved"));

        for (Image image : remaining) {
            assertPullsBack(image);
        }
        OciErrors.assertError(registry.getBlob(first, tooling.digest()), 404, "BLOB_UNKNOWN");
        JsonPath again = collectGarbage(false);
        assertThat(again.getLong("blobsRemoved")).as("nothing is left to collect").isZero();
        assertThat(storedBlobObjects()).containsExactlyInAnyOrderElementsOf(after);
    }

    @Test
    void uploadDataWithoutASessionIsRemovedOnceOlderThanTheUploadExpiry() throws IOException {
        String crashed = writeUploadData("left by a crash between ending its session and deleting its data");
        String repository = newRepository("resumed");
        TestBlob blob = TestBlob.random(2048);
        String location = registry.startUpload(repository);
        Response firstChunk = registry.patchChunk(location, blob.slice(0, 1024), 0);
        assertThat(firstChunk.statusCode()).as(OciErrors.describe(firstChunk)).isEqualTo(202);
        String session = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        sleep(UPLOAD_EXPIRY.plusMillis(500));
        // a client still working on its session: its row is fresh, its data as old as the crashed folder's
        database.update("update upload set updated_at = ? where id = ?", Timestamp.from(Instant.now()), session);
        String young = writeUploadData("written a moment ago into a session that ended meanwhile");

        JsonPath dryRun = collectGarbage(true);
        assertThat(dryRun.getLong("orphanedUploadsRemoved")).isEqualTo(1);
        assertThat(dryRun.getLong("uploadsExpired")).isZero();
        assertThat(stored(crashed)).as("a dry run removes nothing").isTrue();

        JsonPath collected = collectGarbage(false);
        assertThat(collected.getLong("orphanedUploadsRemoved")).isEqualTo(1);
        assertThat(stored(crashed)).isFalse();
        assertThat(stored(young)).isTrue();
        assertThat(stored("/uploads/" + session + "/data")).isTrue();
        Response secondChunk = registry.patchChunk(RegistryClient.path(firstChunk.header("Location")),
                blob.slice(1024, 2048), 1024);
        assertThat(secondChunk.statusCode()).as(OciErrors.describe(secondChunk)).isEqualTo(202);
        Response finished = registry.finishUpload(RegistryClient.path(secondChunk.header("Location")), blob.digest());
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
        storage.delete(young);
    }

    /** Upload data with no session row, written through the driver: {@code /uploads/<fresh id>/data}. */
    private String writeUploadData(String content) throws IOException {
        String folder = "/uploads/" + UUID.randomUUID();
        try (FileWriter writer = storage.writer(folder + "/data", false)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            writer.write(bytes, 0, bytes.length);
            writer.commit();
        }
        return folder;
    }

    private boolean stored(String path) throws IOException {
        try {
            storage.stat(path);
            return true;
        } catch (PathNotFoundException gone) {
            return false;
        }
    }

    /** Pushes the blobs (a fresh config first) and an OCI image over them under each tag. */
    private Image pushImage(String repository, List<String> tags, TestBlob... layers) {
        List<TestBlob> blobs = new ArrayList<>(List.of(registry.pushBlob(repository, TestBlob.randomConfig())));
        for (TestBlob layer : layers) {
            blobs.add(registry.pushBlob(repository, layer));
        }
        ManifestDocument manifest = ManifestBuilder.ociImage(blobs.get(0).descriptor(TestBlob.OCI_CONFIG),
                blobs.subList(1, blobs.size()).stream().map(layer -> layer.descriptor(TestBlob.OCI_LAYER))
                        .toArray(Descriptor[]::new)).build();
        tags.forEach(tag -> registry.pushManifest(repository, tag, manifest));
        return new Image(repository, manifest, blobs);
    }

    private void deleteManifest(String repository, String reference) {
        Response deleted = registry.given().delete("/v2/" + repository + "/manifests/" + reference);
        assertThat(deleted.statusCode()).as(OciErrors.describe(deleted)).isEqualTo(202);
    }

    private void assertPullsBack(Image image) {
        Response manifest = registry.getManifest(image.repository(), image.manifest().digest());
        assertThat(manifest.statusCode()).as(OciErrors.describe(manifest)).isEqualTo(200);
        assertThat(manifest.asByteArray()).isEqualTo(image.manifest().bytes());
        for (TestBlob blob : image.blobs()) {
            Response pulled = registry.getBlob(image.repository(), blob.digest());
            assertThat(pulled.statusCode()).as(OciErrors.describe(pulled)).isEqualTo(200);
            assertThat(TestBlob.sha256(pulled.asByteArray())).isEqualTo(blob.digest());
        }
    }

    /** Digest to size of the distinct blobs of images and loose blobs. */
    private static Map<String, Long> sizes(List<?> imagesAndBlobs) {
        Map<String, Long> sizes = new HashMap<>();
        for (Object item : imagesAndBlobs) {
            List<TestBlob> blobs = item instanceof Image image ? image.blobs() : List.of((TestBlob) item);
            blobs.forEach(blob -> sizes.put(blob.digest(), (long) blob.size()));
        }
        return sizes;
    }

    private static List<String> digests(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::digest).toList();
    }

    private static long bytes(List<StoredObject> objects) {
        return objects.stream().mapToLong(StoredObject::size).sum();
    }
}
