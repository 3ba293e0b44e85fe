package io.wharf.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.TestBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Online garbage collection, repository deletion and upload expiry through the admin API. */
class GarbageCollectionTest extends LifecycleApiTest {

    @Autowired
    JdbcTemplate database;

    @Test
    void blobsOfADeletedManifestAreReclaimedAfterTheGracePeriodAndADryRunRemovesNothing() {
        String repository = newRepository("gc");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        List<String> blobs = blobDigests(manifest);
        long bytes = blobs.stream().mapToLong(this::storedSize).sum();
        assertThat(registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest()).statusCode())
                .isEqualTo(202);
        outwaitGracePeriod();

        JsonPath dryRun = collectGarbage(true);
        assertThat(dryRun.getBoolean("dryRun")).isTrue();
        assertThat(dryRun.getLong("blobsRemoved")).isGreaterThanOrEqualTo(2);
        assertThat(dryRun.getLong("bytesRemoved")).isGreaterThanOrEqualTo(bytes);
        blobs.forEach(digest -> assertThat(storedBlob(digest)).exists());
        assertThat(registry.getBlob(repository, blobs.get(0)).statusCode()).isEqualTo(200);

        JsonPath collected = collectGarbage(false);
        assertThat(collected.getLong("blobsRemoved")).isGreaterThanOrEqualTo(2);
        assertThat(collected.getLong("bytesRemoved")).isGreaterThanOrEqualTo(bytes);
        blobs.forEach(digest -> assertThat(storedBlob(digest)).doesNotExist());
        OciErrors.assertError(registry.getBlob(repository, blobs.get(0)), 404, "BLOB_UNKNOWN");
    }

    @Test
    void blobsUploadedForAManifestNotYetPushedSurviveACollectionWithinTheGracePeriod() {
        String repository = newRepository("inflight");
        ManifestDocument manifest = registry.ociImage(repository);

        collectGarbage(false);

        registry.pushManifest(repository, "v1", manifest);
        outwaitGracePeriod();
        collectGarbage(false);
        for (String digest : blobDigests(manifest)) {
            assertThat(storedBlob(digest)).exists();
            assertThat(TestBlob.sha256(registry.getBlob(repository, digest).asByteArray())).isEqualTo(digest);
        }
    }

    @Test
    void aCollectedBlobCanBeUploadedAgain() {
        String repository = newRepository("again");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(4096));
        outwaitGracePeriod();
        collectGarbage(false);
        assertThat(storedBlob(blob.digest())).doesNotExist();

        registry.pushBlob(repository, blob);

        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void aDeletedRepositoryLeavesTheCatalogAnnouncesItselfAndItsBlobsAreReclaimed() {
        String repository = "team/" + newRepository("doomed");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        registry.startUpload(repository);

        Response deleted = registry.given().delete("/admin/repositories/" + repository);

        assertThat(deleted.statusCode()).as(OciErrors.describe(deleted)).isEqualTo(202);
        assertThat(catalog()).doesNotContain(repository);
        OciErrors.assertError(registry.getManifest(repository, "v1"), 404, "NAME_UNKNOWN");
        OciErrors.assertError(registry.given().delete("/admin/repositories/" + repository), 404, "NAME_UNKNOWN");
        assertThat(database.queryForObject("select count(*) from upload where repository_name = ?", Long.class,
                repository)).isZero();
        String event = database.queryForObject(
                "select payload from event_outbox where repository = ? order by seq desc limit 1", String.class,
                repository);
        assertThat(event).contains("\"action\":\"delete\"").doesNotContain("\"digest\"").doesNotContain("\"tag\"");

        outwaitGracePeriod();
        collectGarbage(false);
        blobDigests(manifest).forEach(digest -> assertThat(storedBlob(digest)).doesNotExist());
    }

    @Test
    void abandonedUploadsExpireWithTheirData() {
        String repository = newRepository("abandoned");
        String location = registry.startUpload(repository);
        assertThat(registry.patchChunk(location, TestBlob.random(1024).bytes(), 0).statusCode()).isEqualTo(202);
        String uploadId = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        assertThat(storageRoot().resolve("uploads").resolve(uploadId)).exists();
        sleep(Duration.ofMillis(3300));

        assertThat(collectGarbage(true).getLong("uploadsExpired")).isGreaterThanOrEqualTo(1);
        assertThat(collectGarbage(false).getLong("uploadsExpired")).isGreaterThanOrEqualTo(1);

        OciErrors.assertError(registry.given().get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(storageRoot().resolve("uploads").resolve(uploadId)).doesNotExist();
    }

    private long storedSize(String digest) {
        try {
            return Files.size(storedBlob(digest));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private List<String> catalog() {
        return registry.given().get("/v2/_catalog?n=10000").jsonPath().getList("repositories");
    }

    static List<String> blobDigests(ManifestDocument manifest) {
        JsonPath json = new JsonPath(manifest.text());
        List<String> digests = new ArrayList<>(json.getList("layers.digest"));
        digests.add(json.getString("config.digest"));
        return digests;
    }
}
