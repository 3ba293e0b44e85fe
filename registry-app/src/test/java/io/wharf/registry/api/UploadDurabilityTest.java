package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Upload sessions survive a restart: the registry is started, stopped and started again on one data folder (each time
 * a fresh application context of its own, outside the shared test context), and uploads begun before the restart are
 * continued and finished after it.
 */
@Timeout(120)
class UploadDurabilityTest {

    private ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aChunkedUploadContinuesAfterARestart() throws IOException {
        Path dataDirectory = freshDataDirectory();
        TestBlob blob = TestBlob.random(1024 * 1024 + 4099);
        int firstChunk = 700_001;
        TestBlob other = TestBlob.random(50_000);
        String repository = "durable/app";

        RegistryClient before = start(dataDirectory);
        String location = before.startUpload(repository);
        Response patched = before.patchChunk(location, blob.slice(0, firstChunk), 0);
        assertThat(patched.statusCode()).isEqualTo(202);
        location = RegistryClient.path(patched.header("Location"));
        String untouched = before.startUpload(repository);
        String doomed = before.startUpload(repository);
        assertThat(before.patchChunk(doomed, other.bytes(), 0).statusCode()).isEqualTo(202);
        ManifestDocument image = before.pushImage(repository, "v1");
        restart();

        RegistryClient after = start(dataDirectory);
        // nothing of the unfinished upload is served as a blob
        OciErrors.assertErrorStatus(after.given().head("/v2/" + repository + "/blobs/" + blob.digest()), 404);
        Response status = after.given().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-" + (firstChunk - 1));
        location = RegistryClient.path(status.header("Location"));
        Response rest = after.patchChunk(location, blob.slice(firstChunk, blob.size()), firstChunk);
        assertThat(rest.statusCode()).as(OciErrors.describe(rest)).isEqualTo(202);
        assertThat(rest.header("Range")).isEqualTo("0-" + (blob.size() - 1));
        Response finished = after.finishUpload(RegistryClient.path(rest.header("Location")), blob.digest());
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(finished.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(after.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());

        // a session with no bytes yet reports an empty range and takes its blob whole
        Response empty = after.given().get(untouched);
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.header("Range")).isEqualTo("0-0");
        assertThat(after.given().contentType(TestBlob.OCTET_STREAM).body(other.bytes())
                .put(RegistryClient.withQuery(untouched, "digest=" + other.digest())).statusCode()).isEqualTo(201);

        // the digest of bytes stored before the restart is still checked in full
        OciErrors.assertError(after.finishUpload(doomed, blob.digest()), 400, "DIGEST_INVALID");
        OciErrors.assertError(after.given().get(doomed), 404, "BLOB_UPLOAD_UNKNOWN");

        // and what was finished before the restart is still there
        assertThat(after.getManifest(repository, "v1").asByteArray()).isEqualTo(image.bytes());
    }

    @Test
    void aSha512UploadStartedBeforeARestartFinishesAfterIt() throws IOException {
        Path dataDirectory = freshDataDirectory();
        TestBlob blob = TestBlob.random(300_000);
        String repository = "durable/sha512";

        RegistryClient before = start(dataDirectory);
        String location = RegistryClient.path(before.patchChunk(before.startUpload(repository),
                blob.slice(0, 100_000), 0).header("Location"));
        restart();

        RegistryClient after = start(dataDirectory);
        Response finished = after.given().contentType(TestBlob.OCTET_STREAM)
                .header("Content-Range", "100000-299999").body(blob.slice(100_000, 300_000))
                .put(RegistryClient.withQuery(location, "digest=" + blob.sha512()));

        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(after.getBlob(repository, blob.sha512()).asByteArray()).isEqualTo(blob.bytes());
    }

    private RegistryClient start(Path dataDirectory) {
        // Command-line arguments, not default properties: application.yml must not override them.
        running = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--management.server.port=0", "--wharf.registry.auth.enabled=false",
                        "--wharf.data-dir=" + dataDirectory);
        return new RegistryClient(running.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private void restart() {
        running.close();
        running = null;
    }

    private static Path freshDataDirectory() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()),
                "durability-").resolve("data");
    }
}
