package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.TestBlob;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As many pushes at once as the registry has request threads (200), each a layer that a slow client sends over seconds,
 * against a registry with the launcher's JVM options (its 88 MB heap): every one is stored, and the registry goes on
 * answering. Each upload in progress holds copy buffers on the heap; when every one held two of 256 KiB, these pushes
 * ran the heap out of memory, and Tomcat's poller thread died with it.
 */
class ConcurrentSlowPushesTest {

    private static final String REPOSITORY = "slow/pushes";
    private static final int PUSHES = 200;
    private static final int LAYER_BYTES = 1 << 20;
    private static final int PIECE_BYTES = 64 * 1024;
    private static final long PAUSE_MILLIS = 150;
    private static final int TIMEOUT_MILLIS = 120_000;
    private static final Pattern LAUNCHER_SETTING = Pattern.compile(
            "^(REGISTRY_JVM_OPTIONS|REGISTRY_ENVIRONMENT)=\"(.*)\"$", Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    private Process registry;

    @AfterEach
    void stopRegistry() throws InterruptedException {
        if (registry != null && registry.isAlive()) {
            registry.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySlowPushIsStoredAndTheRegistryGoesOnAnswering() throws Exception {
        int port = WharfServers.freePort();
        registry = startWithTheLaunchersOptions(port);
        List<TestBlob> layers = IntStream.range(0, PUSHES).mapToObj(i -> TestBlob.random(LAYER_BYTES)).toList();
        ExecutorService clients = Executors.newFixedThreadPool(PUSHES);
        try {
            List<Future<Integer>> pushes = layers.stream()
                    .map(layer -> clients.submit(() -> pushSlowly(port, layer))).toList();
            Map<Integer, Long> statuses = pushes.stream().map(ConcurrentSlowPushesTest::statusOf)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertThat(statuses).isEqualTo(Map.of(201, (long) PUSHES));
        } finally {
            clients.shutdownNow();
        }
        HttpURLConnection stored = open(port, "/v2/" + REPOSITORY + "/blobs/" + layers.get(PUSHES - 1).digest());
        stored.setRequestMethod("HEAD");
        assertThat(stored.getResponseCode()).isEqualTo(200);
        assertThat(Files.readString(dataDir.resolve("registry.log"))).doesNotContain("OutOfMemoryError");
    }

    /** The packaged registry, authentication off, with the JVM options and environment {@code ./wharf} gives it. */
    private Process startWithTheLaunchersOptions(int port) throws IOException, InterruptedException {
        Map<String, String> launcher = new HashMap<>();
        Matcher setting = LAUNCHER_SETTING.matcher(
                Files.readString(Path.of(System.getProperty("wharf.project.root"), "wharf")));
        while (setting.find()) {
            launcher.put(setting.group(1), setting.group(2));
        }
        assertThat(launcher).as("the launcher's registry settings").containsKeys("REGISTRY_JVM_OPTIONS",
                "REGISTRY_ENVIRONMENT");
        Map<String, String> environment = new HashMap<>();
        for (String variable : launcher.get("REGISTRY_ENVIRONMENT").split(" ")) {
            int equals = variable.indexOf('=');
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        return StandaloneRegistry.start(dataDir, port, List.of(launcher.get("REGISTRY_JVM_OPTIONS").split(" ")),
                environment);
    }

    /** A monolithic upload (POST with the digest) sent in pieces with pauses; the registry's status. */
    private static int pushSlowly(int port, TestBlob blob) throws IOException, InterruptedException {
        byte[] layer = blob.bytes();
        HttpURLConnection connection = open(port, "/v2/" + REPOSITORY + "/blobs/uploads/?digest=" + blob.digest());
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/octet-stream");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(layer.length);
        try (OutputStream body = connection.getOutputStream()) {
            for (int offset = 0; offset < layer.length; offset += PIECE_BYTES) {
                body.write(layer, offset, Math.min(PIECE_BYTES, layer.length - offset));
                body.flush();
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static HttpURLConnection open(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        return connection;
    }

    private static int statusOf(Future<Integer> push) {
        try {
            return push.get(2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception failed) {
            throw new AssertionError("a push failed", failed);
        }
    }
}
