package io.wharf.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A registry's read API on 127.0.0.1, just enough to reconcile against: {@code /v2/_catalog} (paginated
 * two names at a time with {@code Link} headers, as the distribution spec describes),
 * {@code /v2/<name>/tags/list}, {@code HEAD} and {@code GET /v2/<name>/manifests/<reference>}, and
 * {@code GET /v2/<name>/blobs/<digest>}, answered directly or, for a blob put "in the bucket", with a 307 to
 * {@code /bucket/<digest>} as a registry on S3 does, and the admin API's referrers of several digests
 * ({@code /admin/referrers}). It records the {@code Authorization} header of each request.
 */
public final class StubRegistry implements AutoCloseable {

    public record Manifest(String digest, String mediaType, String body) {
    }

    private record Blob(String body, boolean inBucket) {
    }

    private final HttpServer server;
    /** Repository name → tag → manifest. */
    private final Map<String, Map<String, Manifest>> repositories = new ConcurrentHashMap<>();
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private final ExecutorService handlers = Executors.newFixedThreadPool(32);
    /** Digest → the artifact types of the manifests that refer to it. */
    private final Map<String, List<String>> referrers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> referrersQuestions = new ConcurrentHashMap<>();
    private final AtomicReference<Runnable> beforeNextReferrersAnswer = new AtomicReference<>(() -> { });
    private final AtomicInteger referrersInFlight = new AtomicInteger();
    private final AtomicInteger referrersRequests = new AtomicInteger();
    private final AtomicInteger mostReferrersInFlight = new AtomicInteger();

    public StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::handle);
        server.createContext("/bucket/", this::handle);
        server.createContext("/admin/", this::handle);
        // Requests at once are answered at once, as by a registry.
        server.setExecutor(handlers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String repository, String tag, Manifest manifest) {
        repositories.computeIfAbsent(repository, ignored -> new ConcurrentHashMap<>()).put(tag, manifest);
    }

    /** A blob of every repository; {@code inBucket}: its GET is redirected to {@code /bucket/<digest>}. */
    public void putBlob(String digest, String body, boolean inBucket) {
        blobs.put(digest, new Blob(body, inBucket));
    }

    public void putEmpty(String repository) {
        repositories.computeIfAbsent(repository, ignored -> new ConcurrentHashMap<>());
    }

    public void remove(String repository, String tag) {
        repositories.get(repository).remove(tag);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** The Authorization header of the last request to a path. */
    public String authorizationOf(String path) {
        return authorizations.get(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            authorizations.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (failing) {
                send(exchange, 500, "application/json", "{}", Map.of());
            } else if (path.equals("/v2/_catalog")) {
                catalog(exchange);
            } else if (path.endsWith("/tags/list")) {
                String name = path.substring("/v2/".length(), path.length() - "/tags/list".length());
                Map<String, Manifest> tags = repositories.get(name);
                String list = tags == null ? null : quoted(new TreeMap<>(tags).keySet().stream().toList());
                send(exchange, tags == null ? 404 : 200, "application/json",
                        "{\"name\":\"" + name + "\",\"tags\":" + list + "}", Map.of());
            } else if (path.equals("/admin/referrers")) {
                referrers(exchange);
            } else if (path.contains("/manifests/")) {
                manifest(exchange, path);
            } else if (path.contains("/blobs/") || path.startsWith("/bucket/")) {
                blob(exchange, path);
            } else {
                send(exchange, 404, "application/json", "{}", Map.of());
            }
        }
    }

    /** How many referrers questions came, each about one or more digests. */
    public int referrersRequests() {
        return referrersRequests.get();
    }

    /** Most referrers questions answered at once so far. */
    public int mostReferrersInFlight() {
        return mostReferrersInFlight.get();
    }

    /** From now on a manifest of this artifact type refers to {@code digest}. */
    public void putReferrer(String digest, String artifactType) {
        referrers.computeIfAbsent(digest, ignored -> new CopyOnWriteArrayList<>()).add(artifactType);
    }

    public void removeReferrers(String digest) {
        referrers.remove(digest);
    }

    /** How often the referrers of {@code digest} were asked for (alone or with others). */
    public int referrersQuestions(String digest) {
        return referrersQuestions.getOrDefault(digest, new AtomicInteger()).get();
    }

    /** Runs {@code change} once, after the next referrers answer is made and before it is sent. */
    public void beforeNextReferrersAnswer(Runnable change) {
        beforeNextReferrersAnswer.set(change);
    }

    /**
     * The referrers put for each {@code digest} parameter ({@code GET /admin/referrers}), answered slowly enough that
     * questions asked at once overlap.
     */
    private void referrers(HttpExchange exchange) throws IOException {
        referrersRequests.incrementAndGet();
        List<String> digests = List.of(exchange.getRequestURI().getRawQuery().split("&")).stream()
                .filter(parameter -> parameter.startsWith("digest="))
                .map(parameter -> URLDecoder.decode(parameter.substring("digest=".length()), StandardCharsets.UTF_8))
                .toList();
        String answers = digests.stream().map(digest -> {
            referrersQuestions.computeIfAbsent(digest, ignored -> new AtomicInteger()).incrementAndGet();
            return "\"" + digest + "\":[" + String.join(",", referrers.getOrDefault(digest, List.of()).stream()
                    .map(type -> "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                            + digest + "-" + type.hashCode() + "\",\"size\":100,\"artifactType\":\"" + type + "\"}")
                    .toList()) + "]";
        }).collect(Collectors.joining(","));
        beforeNextReferrersAnswer.getAndSet(() -> { }).run();
        mostReferrersInFlight.accumulateAndGet(referrersInFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            referrersInFlight.decrementAndGet();
        }
        send(exchange, 200, "application/json", "{\"referrers\":{" + answers + "}}", Map.of());
    }

    private void catalog(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String last = query == null ? null : List.of(query.split("&")).stream()
                .filter(parameter -> parameter.startsWith("last="))
                .map(parameter -> URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
        List<String> names = new TreeMap<>(repositories).keySet().stream()
                .filter(name -> last == null || name.compareTo(last) > 0)
                .toList();
        List<String> page = names.subList(0, Math.min(2, names.size()));
        Map<String, String> headers = names.size() > 2
                ? Map.of("Link", "</v2/_catalog?last=" + page.get(1) + "&n=2>; rel=\"next\"")
                : Map.of();
        send(exchange, 200, "application/json", "{\"repositories\":" + quoted(page) + "}", headers);
    }

    private void manifest(HttpExchange exchange, String path) throws IOException {
        int marker = path.indexOf("/manifests/");
        String name = path.substring("/v2/".length(), marker);
        String reference = path.substring(marker + "/manifests/".length());
        Map<String, Manifest> tags = repositories.getOrDefault(name, Map.of());
        Manifest manifest = tags.containsKey(reference) ? tags.get(reference) : tags.values().stream()
                .filter(candidate -> candidate.digest().equals(reference)).findFirst().orElse(null);
        if (manifest == null) {
            send(exchange, 404, "application/json", "{}", Map.of());
            return;
        }
        send(exchange, 200, manifest.mediaType(), manifest.body(), Map.of("Docker-Content-Digest", manifest.digest()));
    }

    private void blob(HttpExchange exchange, String path) throws IOException {
        String digest = path.substring(path.lastIndexOf('/') + 1);
        Blob blob = blobs.get(digest);
        if (blob == null) {
            send(exchange, 404, "application/json", "{}", Map.of());
        } else if (blob.inBucket() && !path.startsWith("/bucket/")) {
            send(exchange, 307, "application/json", "", Map.of("Location", "/bucket/" + digest));
        } else {
            send(exchange, 200, "application/octet-stream", blob.body(), Map.of());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
        }
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
