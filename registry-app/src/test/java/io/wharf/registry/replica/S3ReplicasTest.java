package io.wharf.registry.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restassured.response.Response;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import io.wharf.registry.support.PostgresTestDatabase;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.s3.S3Driver;
import io.wharf.storage.s3.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two registry replicas in one JVM sharing a PostgreSQL database and an S3 bucket (S3Proxy), as behind a load
 * balancer: no request depends on which replica served the previous one. Replica B hands out presigned
 * redirects for blob GETs, replica A streams them.
 */
class S3ReplicasTest {

    private static final int MIB = 1024 * 1024;
    private static final String PREFIX = "replicas";

    private static S3TestServer s3;
    private static PostgresTestDatabase database;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static RegistryClient replicaA;
    private static RegistryClient replicaB;

    @BeforeAll
    static void startReplicas() throws Exception {
        database = PostgresTestDatabase.create("replicas");
        s3 = S3TestServer.start();
        replicaA = startReplica("a", false);
        replicaB = startReplica("b", true);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (s3 != null) {
            s3.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /**
     * Each hop lands on a replica whose cached digest (if any) does not cover the stored size, so it rebuilds
     * the digest from S3; the first chunk fills more than a part, so the resumed writer continues it
     * server-side.
     */
    @Test
    void chunkedUploadHopsBetweenReplicas() throws Exception {
        String repository = "replicas/hop";
        TestBlob blob = TestBlob.random(12 * MIB + 123);
        int[] ends = {6 * MIB, 9 * MIB, 11 * MIB};
        RegistryClient[] hops = {replicaA, replicaB, replicaA};

        String location = replicaA.startUpload(repository);
        int start = 0;
        for (int hop = 0; hop < ends.length; hop++) {
            Response patched = hops[hop].patchChunk(location, blob.slice(start, ends[hop]), start);
            assertThat(patched.statusCode()).as(OciErrors.describe(patched)).isEqualTo(202);
            location = RegistryClient.path(patched.header("Location"));
            start = ends[hop];
        }
        Response status = replicaB.given().get(location);
        assertThat(status.header("Range")).isEqualTo("0-" + (start - 1));
        Response finished = replicaB.given().contentType(TestBlob.OCTET_STREAM)
                .header("Content-Range", start + "-" + (blob.size() - 1))
                .body(blob.slice(start, blob.size()))
                .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);

        assertThat(pull(replicaA, repository, blob.digest())).isEqualTo(blob.bytes());
        assertThat(pull(replicaB, repository, blob.digest())).isEqualTo(blob.bytes());
    }

    @Test
    void concurrentPushesOfOneLayerToBothReplicasStoreOneObject() throws Exception {
        String repository = "replicas/same-layer";
        TestBlob layer = TestBlob.random(MIB + 7);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<String>> pushes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RegistryClient replica = i % 2 == 0 ? replicaA : replicaB;
                pushes.add(CompletableFuture.supplyAsync(() -> replica.uploadInChunks(repository, layer, MIB), pool));
            }
            pushes.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }

        try (S3Driver bucket = new S3Driver(s3.settings(PREFIX, false))) {
            String blobDirectory = "/blobs/sha256/" + layer.hex().substring(0, 2) + "/" + layer.hex();
            assertThat(bucket.list(blobDirectory)).containsExactly(blobDirectory + "/data");
            assertThrows(PathNotFoundException.class, () -> bucket.list("/uploads"), "no upload data is left");
        }
        assertThat(pull(replicaA, repository, layer.digest())).isEqualTo(layer.bytes());
        assertThat(pull(replicaB, repository, layer.digest())).isEqualTo(layer.bytes());
    }

    /** The protocol's basic round trip on S3: push through one replica, pull through the other. */
    @Test
    void imagePushedToOneReplicaIsServedByTheOther() {
        String repository = "replicas/image";
        ManifestDocument manifest = replicaA.pushImage(repository, "v1");

        Response pulled = replicaB.getManifest(repository, "v1");
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.asByteArray()).isEqualTo(manifest.bytes());
        assertThat(replicaB.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags"))
                .containsExactly("v1");

        TestBlob blob = replicaB.pushBlob(repository, TestBlob.random(100_000));
        Response range = replicaA.given().header("Range", "bytes=10-19").get("/v2/" + repository + "/blobs/"
                + blob.digest());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.asByteArray()).isEqualTo(blob.slice(10, 20));
        Response head = replicaB.given().head("/v2/" + repository + "/blobs/" + blob.digest());
        assertThat(head.statusCode()).as("HEAD is answered, not redirected").isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(blob.size()));
    }

    /** A blob GET: streamed by replica A, a 307 to a presigned S3 URL from replica B, which this follows. */
    private static byte[] pull(RegistryClient replica, String repository, String digest) throws Exception {
        Response response = replica.getBlob(repository, digest);
        if (replica == replicaA) {
            assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
            return response.asByteArray();
        }
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(307);
        URI presigned = URI.create(response.header("Location"));
        assertThat(presigned.toString()).startsWith(s3.endpoint().toString()).contains("X-Amz-Signature=");
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        return fetched.body();
    }

    private static RegistryClient startReplica(String name, boolean redirect) throws Exception {
        Path dataDirectory = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()), "replica-" + name + "-");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--wharf.registry.auth.enabled=false", "--wharf.data-dir=" + dataDirectory,
                "--wharf.storage.driver=s3",
                "--wharf.storage.s3.bucket=" + S3TestServer.BUCKET,
                "--wharf.storage.s3.endpoint=" + s3.endpoint(),
                "--wharf.storage.s3.path-style=true",
                "--wharf.storage.s3.access-key=" + S3TestServer.ACCESS_KEY,
                "--wharf.storage.s3.secret-key=" + S3TestServer.SECRET_KEY,
                "--wharf.storage.s3.prefix=" + PREFIX,
                "--wharf.storage.s3.part-size=5MB",
                "--wharf.storage.s3.redirect=" + redirect));
        arguments.addAll(database.datasourceArguments());
        // Command-line arguments, not default properties: application.yml must not override them.
        ConfigurableApplicationContext replica = new SpringApplicationBuilder(RegistryApplication.class)
                .run(arguments.toArray(String[]::new));
        replicas.add(replica);
        return new RegistryClient(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
