package io.wharf.registry.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Many clients pushing distinct blobs into one namespace at once, more than its quota holds, spread over the given
 * registries (replicas or one): each client pushes its blobs into a repository of its own, one after another, half by
 * monolithic upload and half through a chunked session. Afterwards exactly as many blobs as fit were accepted, the
 * namespace's usage is at most its quota, and every refusal was DENIED with the quota's message.
 */
public final class QuotaRush {

    private final List<RegistryClient> registries;
    private final String namespace;
    private final long quotaBytes;
    private final int blobSize;

    public QuotaRush(List<RegistryClient> registries, String namespace, long quotaBytes, int blobSize) {
        this.registries = registries;
        this.namespace = namespace;
        this.quotaBytes = quotaBytes;
        this.blobSize = blobSize;
    }

    /** Runs {@code clients} clients with {@code blobsEach} blobs each (together more than fit) and checks the result. */
    public void runAndCheck(String repositoryHint, int clients, int blobsEach) throws Exception {
        long fitting = quotaBytes / blobSize;
        assertThat((long) clients * blobsEach).as("the rush must ask for more than fits").isGreaterThan(fitting);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Response>>> running = new ArrayList<>();
        try {
            for (int client = 0; client < clients; client++) {
                RegistryClient registry = registries.get(client % registries.size());
                String repository = namespace + "/" + repositoryHint + "-" + client;
                running.add(CompletableFuture.supplyAsync(() -> push(registry, repository, blobsEach, start), pool));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (CompletableFuture<List<Response>> client : running) {
                answers.addAll(client.get(120, TimeUnit.SECONDS));
            }
            long accepted = answers.stream().filter(answer -> answer.statusCode() == 201).count();
            for (Response refused : answers.stream().filter(answer -> answer.statusCode() != 201).toList()) {
                OciErrors.assertError(refused, 403, "DENIED");
                assertThat(refused.jsonPath().getString("errors[0].message"))
                        .contains("quota of " + NamespaceQuotas.readable(quotaBytes) + " of namespace " + namespace
                                + " exceeded by");
            }
            Response usage = registries.get(0).given().get("/admin/namespaces/" + namespace + "/usage");
            assertThat(usage.statusCode()).as(OciErrors.describe(usage)).isEqualTo(200);
            assertThat(usage.jsonPath().getLong("usedBytes")).as("usage after the rush")
                    .isEqualTo(accepted * blobSize).isLessThanOrEqualTo(quotaBytes);
            assertThat(accepted).as("blobs accepted of " + answers.size()).isEqualTo(fitting);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Response> push(RegistryClient registry, String repository, int blobs, CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            TestBlob blob = TestBlob.random(blobSize);
            if (i % 2 == 0) {
                answers.add(registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                        .post("/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest()));
            } else {
                String location = registry.startUpload(repository);
                Response patched = registry.patchChunk(location, blob.bytes(), 0);
                assertThat(patched.statusCode()).as(OciErrors.describe(patched)).isEqualTo(202);
                answers.add(registry.finishUpload(RegistryClient.path(patched.header("Location")), blob.digest()));
            }
        }
        return answers;
    }
}
