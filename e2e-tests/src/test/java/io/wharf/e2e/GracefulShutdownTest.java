package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.registry.api.support.TestBlob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: SIGTERM lets an upload in flight finish. The packaged registry (its own process, authentication off) gets
 * half of a chunk, then SIGTERM; it stops taking connections, but the chunk's second half still arrives and is
 * acknowledged (202), then the process exits. Restarted on the same data, the registry completes the blob with the
 * whole chunk.
 */
class GracefulShutdownTest {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int CHUNK_BYTES = 4 * 1024 * 1024;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process registry;

    @AfterEach
    void stopRegistry() throws InterruptedException {
        if (registry != null && registry.isAlive()) {
            registry.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void anUploadInFlightWhenSigtermArrivesCompletes() throws Exception {
        int port = WharfServers.freePort();
        registry = startRegistry(port);
        byte[] chunk = new byte[CHUNK_BYTES];
        new Random(7).nextBytes(chunk);
        String location = post(port, "/v2/shutdown/app/blobs/uploads/").headers()
                .firstValue("Location").orElseThrow();
        String path = location.startsWith("http") ? URI.create(location).getRawPath() : location;

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) STOP_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + chunk.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, chunk.length / 2);
            out.flush();
            Thread.sleep(500);

            registry.destroy(); // SIGTERM
            awaitRefusal(port);
            out.write(chunk, chunk.length / 2, chunk.length - chunk.length / 2);
            out.flush();

            Map<String, String> response = readResponseHead(socket);
            assertThat(response.get("status")).startsWith("HTTP/1.1 202");
            assertThat(response.get("range")).isEqualTo("0-" + (chunk.length - 1));
        }
        assertThat(registry.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the registry exits").isTrue();

        registry = startRegistry(port);
        String digest = TestBlob.sha256(chunk);
        HttpResponse<byte[]> completed = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path + "?digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(completed.statusCode()).as(new String(completed.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v2/shutdown/app/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(blob.body()).isEqualTo(chunk);
    }

    /** Graceful shutdown has begun once the port takes no new connections. */
    private static void awaitRefusal(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(100);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(100);
            }
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("new connections after SIGTERM").isInstanceOf(ConnectException.class);
    }

    /** The status line (as "status") and the headers (lower-case names) of the answer on {@code socket}. */
    private static Map<String, String> readResponseHead(Socket socket) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        Map<String, String> head = new LinkedHashMap<>();
        head.put("status", String.valueOf(reader.readLine()));
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            int colon = line.indexOf(':');
            head.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return head;
    }

    private Process startRegistry(int port) throws IOException, InterruptedException {
        return StandaloneRegistry.start(dataDir, port, List.of("-Xmx256m"), Map.of());
    }

    private HttpResponse<Void> post(int port, String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(202);
        return response;
    }
}
