package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pushes racing each other: the same content from several clients at once is stored once and served to all. */
class ConcurrentPushTest extends RegistryApiTest {

    private static final int PUSHERS = 8;
    private static final int BLOB_BYTES = 3 * 1024 * 1024 + 11;

    @Test
    @Timeout(90)
    void theSameBlobPushedToDifferentRepositoriesAtOnceIsStoredOnce() throws Exception {
        TestBlob blob = TestBlob.random(BLOB_BYTES);
        String prefix = newRepository("race");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> pushes = new ArrayList<>();
        for (int i = 0; i < PUSHERS; i++) {
            String repository = prefix + "/r" + i;
            boolean chunked = i % 2 == 0;
            pushes.add(() -> push(repository, blob, chunked, start));
        }

        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
        List<String> sessions = new ArrayList<>();
        try {
            List<Future<String>> results = new ArrayList<>();
            pushes.forEach(push -> results.add(pool.submit(push)));
            start.countDown();
            for (Future<String> result : results) {
                sessions.add(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < PUSHERS; i++) {
            Response pulled = registry.getBlob(prefix + "/r" + i, blob.digest());
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(TestBlob.sha256(pulled.asByteArray())).isEqualTo(blob.digest());
        }
        Map<String, Long> stored = storedFiles();
        assertThat(stored.entrySet()).filteredOn(file -> file.getKey().startsWith("blobs/")
                && file.getKey().contains(blob.hex())).singleElement()
                .satisfies(file -> assertThat(file.getValue()).isEqualTo(BLOB_BYTES));
        for (String session : sessions) {
            String id = session.substring(session.lastIndexOf('/') + 1);
            assertThat(stored.keySet()).as("staged data of " + id).noneMatch(path -> path.startsWith("uploads/" + id));
        }
    }

    /** One client's push, after the start signal; returns the upload session it used. */
    private String push(String repository, TestBlob blob, boolean chunked, CountDownLatch start) throws Exception {
        RegistryClient client = new RegistryClient(port());
        String location = client.startUpload(repository);
        String session = location;
        start.await();
        if (chunked) {
            int half = blob.size() / 2;
            Response first = client.patchChunk(location, blob.slice(0, half), 0);
            assertThat(first.statusCode()).as(OciErrors.describe(first)).isEqualTo(202);
            Response second = client.patchChunk(RegistryClient.path(first.header("Location")),
                    blob.slice(half, blob.size()), half);
            assertThat(second.statusCode()).as(OciErrors.describe(second)).isEqualTo(202);
            location = RegistryClient.path(second.header("Location"));
            Response finished = client.finishUpload(location, blob.digest());
            assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        } else {
            Response finished = client.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                    .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));
            assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
            assertThat(finished.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        }
        return session;
    }
}
