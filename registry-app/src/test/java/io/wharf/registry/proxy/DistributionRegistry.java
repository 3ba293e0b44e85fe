package io.wharf.registry.proxy;

import io.wharf.registry.clients.ExternalTool;
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

/**
 * CNCF Distribution (Debian's {@code docker-registry}) on a free loopback port, storing in a fresh folder under
 * {@code target/}: the real upstream of the cache tests (here and in e2e-tests). One per JVM, stopped at exit.
 */
public final class DistributionRegistry {

    private static DistributionRegistry shared;

    private final int port;

    private DistributionRegistry(int port) {
        this.port = port;
    }

    public static synchronized DistributionRegistry shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static DistributionRegistry start() throws IOException, InterruptedException {
        ExternalTool registry = ExternalTool.require("docker-registry");
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "proxy-tests")
                .toAbsolutePath()), "distribution-");
        int port = freePort();
        Path config = Files.writeString(folder.resolve("config.yml"), String.join("\n", "version: 0.1",
                "log: {level: error}", "storage:", "  filesystem: {rootdirectory: " + folder.resolve("storage") + "}",
                "  delete: {enabled: true}", "http: {addr: 127.0.0.1:" + port + "}", ""));
        Process process = registry.start(folder.resolve("distribution.log"), "serve", config.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v2/")).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return new DistributionRegistry(port);
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(folder.resolve(
                        "distribution.log")));
            }
            Thread.sleep(100);
        }
        process.destroy();
        throw new IllegalStateException("docker-registry did not answer within 30s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
