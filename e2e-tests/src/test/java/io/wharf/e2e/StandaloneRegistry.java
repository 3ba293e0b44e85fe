package io.wharf.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged registry in a process of its own, for tests that need one they can stop or starve: authentication
 * and scheduled garbage collection off, on a loopback port, its log appended to {@code registry.log} in its data
 * directory.
 */
final class StandaloneRegistry {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private StandaloneRegistry() {
    }

    /** Starts it with {@code jvmOptions} and {@code environment} and returns once {@code /readyz} answers 200. */
    static Process start(Path dataDir, int port, List<String> jvmOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(WharfServers.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("wharf.registry.jar"), "--server.address=127.0.0.1",
                "--server.port=" + port, "--management.server.port=0", "--wharf.data-dir=" + dataDir,
                "--wharf.registry.auth.enabled=false", "--wharf.registry.gc.scheduled=false"));
        Path log = dataDir.resolve("registry.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process started = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && started.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return started;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the registry did not get ready:\n" + Files.readString(log));
    }
}
