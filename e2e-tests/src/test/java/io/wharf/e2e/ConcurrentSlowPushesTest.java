package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
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
        ExecutorService clients = Executors.newFixedThreadPool(PUSHES);
        try {
            List<Future<Integer>> pushes = IntStream.range(0, PUSHES)
                    .mapToObj(layer -> clients.submit(() -> pushSlowly(port, layer))).toList();
            Map<Integer, Long> statuses = pushes.stream().map(ConcurrentSlowPushesTest::statusOf)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertThat(statuses).isEqualTo(Map.of(201, (long) PUSHES));
        } finally {
            clients.shutdownNow();
        }
        HttpURLConnection stored = open(port, "/v2/" + REPOSITORY + "/blobs/" + digestOf(layer(PUSHES - 1)));
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
        List<String> command = new ArrayList<>();
        command.add(WharfServers.javaExecutable());
        command.addAll(List.of(launcher.get("REGISTRY_JVM_OPTIONS").split(" ")));
        command.addAll(List.of("-jar", System.getProperty("wharf.registry.jar"), "--server.address=127.0.0.1",
                "--server.port=" + port, "--management.server.port=0", "--wharf.data-dir=" + dataDir,
                "--wharf.registry.auth.enabled=false", "--wharf.registry.gc.scheduled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()));
        for (String variable : launcher.get("REGISTRY_ENVIRONMENT").split(" ")) {
            builder.environment().put(variable.substring(0, variable.indexOf('=')),
                    variable.substring(variable.indexOf('=') + 1));
        }
        Process started = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && started.isAlive()) {
            try {
                if (open(port, "/readyz").getResponseCode() == 200) {
                    return started;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the registry did not get ready:\n"
                + Files.readString(dataDir.resolve("registry.log")));
    }

    /** A monolithic upload (POST with the digest) sent in pieces with pauses; the registry's status. */
    private static int pushSlowly(int port, int index) throws IOException, InterruptedException {
        byte[] layer = layer(index);
        HttpURLConnection connection = open(port, "/v2/" + REPOSITORY + "/blobs/uploads/?digest=" + digestOf(layer));
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

    private static byte[] layer(int index) {
        byte[] layer = new byte[LAYER_BYTES];
        new Random(index).nextBytes(layer);
        return layer;
    }

    private static String digestOf(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
