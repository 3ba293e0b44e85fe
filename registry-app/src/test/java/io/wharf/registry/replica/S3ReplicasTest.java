package io.wharf.registry.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restassured.response.Response;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import io.wharf.registry.support.PostgresTestDatabase;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.s3.S3Driver;
import io.wharf.storage.s3.S3TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

        try (S3Driver bucket = new S3Driver(s3.settings(PREFIX, false, 0, Files.createTempDirectory(
                Path.of("target", "api-tests").toAbsolutePath(), "parts-")))) {
            String blobDirectory = "/blobs/sha256/" + layer.hex().substring(0, 2) + "/" + layer.hex();
            assertThat(bucket.list(blobDirectory)).containsExactly(blobDirectory + "/data");
            assertThrows(PathNotFoundException.class, () -> bucket.list("/uploads"), "no upload data is left");
        }
        assertThat(pull(replicaA, repository, layer.digest())).isEqualTo(layer.bytes());
        assertThat(pull(replicaB, repository, layer.digest())).isEqualTo(layer.bytes());
    }

    /**
     * Two chunks for the same offset of one session, sent to two replicas at once: while A streams its chunk it
     * holds the session's lease, so B is refused (416) instead of both storing from the same offset; the blob
     * completes with A's bytes.
     */
    @Test
    void concurrentChunksOfOneSessionOnTwoReplicasOneWins() throws Exception {
        String repository = "replicas/one-session";
        TestBlob first = TestBlob.random(MIB);
        TestBlob winner = TestBlob.random(2 * MIB);
        TestBlob loser = TestBlob.random(2 * MIB);
        String location = replicaA.startUpload(repository);
        Response started = replicaA.patchChunk(location, first.bytes(), 0);
        assertThat(started.statusCode()).as(OciErrors.describe(started)).isEqualTo(202);
        location = RegistryClient.path(started.header("Location"));

        CompletableFuture<Void> resume = new CompletableFuture<>();
        String target = location;
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> replicaA.raw("PATCH", target)
                .header("Content-Type", TestBlob.OCTET_STREAM)
                .header("Content-Range", MIB + "-" + (3 * MIB - 1))
                .body(winner.bytes()).pausedAfter(MIB, resume).send());
        try {
            // A has the request headers and half the body: its lease is taken before it streams.
            Thread.sleep(1000);
            Response refused = replicaB.patchChunk(location, loser.bytes(), MIB);
            assertThat(refused.statusCode()).as(OciErrors.describe(refused)).isEqualTo(416);
            assertThat(refused.asString()).contains("BLOB_UPLOAD_INVALID", "another request is appending");
        } finally {
            resume.complete(null);
        }
        assertThat(slow.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);

        byte[] expected = concat(first.bytes(), winner.bytes());
        String digest = TestBlob.of(expected).digest();
        Response finished = replicaB.finishUpload(location, digest);
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(pull(replicaA, repository, digest)).isEqualTo(expected);
    }

    /**
     * A replica process is killed with SIGKILL while a chunk streams into it: the blob is never visible, the upload's
     * progress is what its last completed chunk stored, and replica B continues and completes it once the dead
     * replica's lease has run out.
     */
    @Test
    void anUploadInterruptedByKillingItsReplicaContinuesOnAnother() throws Exception {
        String repository = "replicas/killed";
        TestBlob blob = TestBlob.random(10 * MIB + 5);
        int stored = 6 * MIB;
        int port = freePort();
        Process killed = startReplicaProcess(port);
        CompletableFuture<Void> resume = new CompletableFuture<>();
        String location;
        try {
            RegistryClient doomed = new RegistryClient(port);
            location = doomed.startUpload(repository);
            Response first = doomed.patchChunk(location, blob.slice(0, stored), 0);
            assertThat(first.statusCode()).as(OciErrors.describe(first)).isEqualTo(202);
            location = RegistryClient.path(first.header("Location"));
            String target = location;
            CompletableFuture.runAsync(() -> doomed.raw("PATCH", target)
                    .header("Content-Type", TestBlob.OCTET_STREAM)
                    .header("Content-Range", stored + "-" + (blob.size() - 1))
                    .body(blob.slice(stored, blob.size())).pausedAfter(2 * MIB, resume).send());
            Thread.sleep(1000);
            Response head = replicaB.given().head("/v2/" + repository + "/blobs/" + blob.digest());
            assertThat(head.statusCode()).as("no partial blob while the chunk streams").isEqualTo(404);
        } finally {
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).as("killed replica exits").isTrue();
            resume.complete(null);
        }

        assertThat(replicaB.given().head("/v2/" + repository + "/blobs/" + blob.digest()).statusCode())
                .as("no partial blob after the kill").isEqualTo(404);
        Response status = replicaB.given().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.header("Range")).as("what the last completed chunk stored").isEqualTo("0-" + (stored - 1));

        // The dead replica's lease (3 s) may still hold the session: B refuses until it runs out.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response rest;
        while ((rest = replicaB.patchChunk(location, blob.slice(stored, blob.size()), stored)).statusCode() == 416) {
            assertThat(rest.asString()).contains("another request is appending");
            assertThat(Instant.now()).as("the dead replica's lease runs out").isBefore(deadline);
            Thread.sleep(500);
        }
        assertThat(rest.statusCode()).as(OciErrors.describe(rest)).isEqualTo(202);
        Response finished = replicaB.finishUpload(RegistryClient.path(rest.header("Location")), blob.digest());
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(pull(replicaA, repository, blob.digest())).isEqualTo(blob.bytes());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
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
        List<String> arguments = replicaArguments(name, redirect, 0);
        // Command-line arguments, not default properties: application.yml must not override them.
        ConfigurableApplicationContext replica = new SpringApplicationBuilder(RegistryApplication.class)
                .run(arguments.toArray(String[]::new));
        replicas.add(replica);
        return new RegistryClient(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static List<String> replicaArguments(String name, boolean redirect, int port) throws IOException {
        Path dataDirectory = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()), "replica-" + name + "-");
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--management.server.port=0",
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
        return arguments;
    }

    /**
     * A replica in an OS process of its own (this JVM's class path), so that it can be killed with SIGKILL; its
     * append lease is short, so that the test need not outwait the default 30s. Output goes to its data folder.
     */
    private static Process startReplicaProcess(int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RegistryApplication.class.getName()));
        command.addAll(replicaArguments("process", false, port));
        command.add("--wharf.registry.uploads.append-lease=3s");
        Path log = Files.createTempFile(Path.of("target", "api-tests").toAbsolutePath(), "replica-process-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            assertThat(process.isAlive()).as("replica process is running (see " + log + ")").isTrue();
            assertThat(Instant.now()).as("replica process answers within 90 s (see " + log + ")")
                    .isBefore(deadline);
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v2/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
