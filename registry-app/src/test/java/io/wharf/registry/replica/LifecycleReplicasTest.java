package io.wharf.registry.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.quota.QuotaRush;
import io.wharf.registry.support.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Lifecycle jobs with two registry replicas in one JVM sharing a PostgreSQL database (and a storage folder): the
 * scheduled garbage collection runs on one replica at a time, once per interval, and concurrent pushes through both
 * replicas never take a namespace beyond its quota.
 */
class LifecycleReplicasTest {

    private static final Duration GC_INTERVAL = Duration.ofMillis(500);
    private static final String CROWDED = "crowded";
    private static final long QUOTA = 96 * 1024;

    private static PostgresTestDatabase database;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static RegistryClient replicaA;
    private static RegistryClient replicaB;

    @BeforeAll
    static void startReplicas() throws Exception {
        database = PostgresTestDatabase.create("lifecycle_replicas");
        Path root = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()), "lifecycle-replicas-");
        replicaA = startReplica(root, "a");
        replicaB = startReplica(root, "b");
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    /**
     * Both replicas' timers fire every interval; without the lease their collections would interleave, on average
     * half an interval apart. With it, each collection starts at least an interval after the previous one ended,
     * whichever replica ran it.
     */
    @Test
    void scheduledCollectionsRunOnOneReplicaAtATimeOncePerInterval() throws Exception {
        Instant from = Instant.now();
        Thread.sleep(GC_INTERVAL.multipliedBy(10).toMillis());

        Response audit = replicaA.given().get("/admin/audit?n=1000");
        assertThat(audit.statusCode()).as(OciErrors.describe(audit)).isEqualTo(200);
        List<Instant> collections = audit.jsonPath().<Map<String, Object>>getList("entries").stream()
                .filter(entry -> "gc".equals(entry.get("action")) && "wharf-scheduler".equals(entry.get("actor")))
                .map(entry -> Instant.parse((String) entry.get("at")))
                .filter(at -> at.isAfter(from))
                .sorted()
                .toList();
        assertThat(collections).as("scheduled collections").hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < collections.size(); i++) {
            assertThat(Duration.between(collections.get(i - 1), collections.get(i)))
                    .as("pause before scheduled collection %d of %s", i, collections)
                    .isGreaterThanOrEqualTo(GC_INTERVAL);
        }
    }

    /** 8 clients, 4 on each replica, 24 blobs of 16 KB, room for 6: exactly 6 kept. */
    @Test
    void concurrentPushesThroughBothReplicasNeverExceedTheQuota() throws Exception {
        new QuotaRush(List.of(replicaA, replicaB), CROWDED, QUOTA, 16 * 1024).runAndCheck("rush", 8, 3);
    }

    private static RegistryClient startReplica(Path root, String name) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--wharf.registry.auth.enabled=false",
                "--wharf.data-dir=" + Files.createDirectories(root.resolve("data-" + name)),
                "--wharf.storage.filesystem.root=" + root.resolve("storage"),
                "--wharf.registry.gc.scheduled=true", "--wharf.registry.gc.interval=" + GC_INTERVAL.toMillis() + "ms",
                "--wharf.registry.quotas." + CROWDED + "=" + QUOTA + "B"));
        arguments.addAll(database.datasourceArguments());
        // Command-line arguments, not default properties: application.yml must not override them.
        ConfigurableApplicationContext replica = new SpringApplicationBuilder(RegistryApplication.class)
                .run(arguments.toArray(String[]::new));
        replicas.add(replica);
        return new RegistryClient(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
