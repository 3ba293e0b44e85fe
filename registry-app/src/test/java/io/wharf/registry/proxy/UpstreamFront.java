package io.wharf.registry.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on loopback in front of Distribution, which the cache under test uses as its upstream: it counts
 * the requests it forwards, and on demand goes down (drops every connection), answers 429, cuts blobs off
 * mid-transfer, sends blobs slowly, or demands Docker token authentication (Bearer challenge, a token realm that
 * checks Basic credentials).
 */
public final class UpstreamFront implements AutoCloseable {

    private static final String TOKEN = "front-token";
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Content-Length",
            "Docker-Content-Digest", "Location", "Etag");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(40);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String upstream;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final String username;
    private final String password;
    public volatile boolean down;
    public volatile String rateLimitRetryAfter;
    /** Blob bytes sent before the connection is dropped; -1: whole blobs. */
    public volatile long cutBlobsAfter = -1;
    /** A pause after each 64 KiB of a blob. */
    public volatile long blobChunkPauseMillis;
    /** A pause before each manifest answer. */
    public volatile long manifestPauseMillis;

    private UpstreamFront(String upstream, String username, String password) throws IOException {
        this.upstream = upstream;
        this.username = username;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static UpstreamFront open(String upstream) throws IOException {
        return new UpstreamFront(upstream, null, null);
    }

    /** A front that demands tokens, which its realm gives for these Basic credentials only. */
    static UpstreamFront tokenAuthenticated(String upstream, String username, String password) throws IOException {
        return new UpstreamFront(upstream, username, password);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many {@code method path} requests reached the front (answered or not). */
    public int count(String method, String path) {
        AtomicInteger count = requests.get(method + " " + path);
        return count == null ? 0 : count.get();
    }

    public void reset() {
        down = false;
        rateLimitRetryAfter = null;
        cutBlobsAfter = -1;
        blobChunkPauseMillis = 0;
        manifestPauseMillis = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.computeIfAbsent(exchange.getRequestMethod() + " " + path, key -> new AtomicInteger())
                    .incrementAndGet();
            if (down) {
                return;
            }
            if (path.equals("/token")) {
                token(exchange);
                return;
            }
            if (username != null && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\","
                        + "service=\"front\",scope=\"repository:x:pull\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (rateLimitRetryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", rateLimitRetryAfter);
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            if (path.contains("/manifests/")) {
                sleep(manifestPauseMillis);
            }
            forward(exchange, path);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        byte[] body = ("{\"token\": \"" + TOKEN + "\", \"expires_in\": 300}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void forward(HttpExchange exchange, String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        for (String header : FORWARDED_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
        }
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(0);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(answer.statusCode(), head || length == 0 ? -1 : length);
        try (InputStream body = answer.body(); OutputStream out = exchange.getResponseBody()) {
            if (head) {
                return;
            }
            boolean blob = path.contains("/blobs/");
            byte[] buffer = new byte[64 * 1024];
            long sent = 0;
            for (int read; (read = body.read(buffer)) > 0; ) {
                if (blob && cutBlobsAfter >= 0 && sent + read > cutBlobsAfter) {
                    out.write(buffer, 0, (int) (cutBlobsAfter - sent));
                    out.flush();
                    // Drops the connection with the answer incomplete.
                    throw new IOException("cut off by the test");
                }
                out.write(buffer, 0, read);
                sent += read;
                if (blob && blobChunkPauseMillis > 0) {
                    out.flush();
                    sleep(blobChunkPauseMillis);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
