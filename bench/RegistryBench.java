import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry load generator with no dependencies (run with {@code java bench/RegistryBench.java URL [options]}).
 * Measures push MiB/s (monolithic POST+PUT and chunked PATCHes, one and several clients), pull MiB/s, and manifest
 * GETs per second with p50/p99 latency. Every loop is bounded in count and time; only the given URL is contacted.
 *
 * <p>Options: {@code --name LABEL}, {@code --token-url URL --user U --password P} (Docker token auth: a token per
 * repository is fetched once), {@code --big-mib N} (default 256), {@code --small-mib N} (64), {@code --clients N} (8),
 * {@code --chunk-mib N} (8), {@code --get-connections N} (64), {@code --get-seconds N} (10).
 * Output: one {@code metric=value} line per figure, prefixed by the label.
 */
public final class RegistryBench {

    private static final int BUFFER = 1 << 20;

    private final String base;
    private final String label;
    private final String tokenUrl;
    private final String credentials;
    /** HTTP/1.1 keeps one connection per concurrent client, as docker and wrk do. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RegistryBench(String base, String label, String tokenUrl, String user, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.label = label;
        this.tokenUrl = tokenUrl;
        this.credentials = user == null ? null
                : Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java RegistryBench.java http://127.0.0.1:5000 [--name wharf] [options]");
            System.exit(2);
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        RegistryBench bench = new RegistryBench(args[0], options.get("--name", "registry"),
                options.get("--token-url", null), options.get("--user", null), options.get("--password", null));
        String namespace = options.get("--namespace", "bench");
        long bigBytes = Long.parseLong(options.get("--big-mib", "256")) << 20;
        long smallBytes = Long.parseLong(options.get("--small-mib", "64")) << 20;
        int clients = Integer.parseInt(options.get("--clients", "8"));
        long chunkBytes = Long.parseLong(options.get("--chunk-mib", "8")) << 20;
        int getConnections = Integer.parseInt(options.get("--get-connections", "64"));
        int getSeconds = Integer.parseInt(options.get("--get-seconds", "10"));
        String run = Long.toString(System.nanoTime(), 36);

        Blob big = bench.push(namespace + "/big-" + run, bigBytes, 0);
        bench.report("push_monolithic_1x" + (bigBytes >> 20) + "mib_mibps", big.mibPerSecond());
        Blob chunked = bench.push(namespace + "/chunked-" + run, bigBytes, chunkBytes);
        bench.report("push_chunked_1x" + (bigBytes >> 20) + "mib_mibps", chunked.mibPerSecond());
        List<Blob> parallel = bench.inParallel(clients, i -> bench.push(namespace + "/par-" + run + "-" + i, smallBytes, 0));
        bench.report("push_monolithic_" + clients + "x" + (smallBytes >> 20) + "mib_mibps", aggregate(parallel));

        bench.report("pull_1x" + (bigBytes >> 20) + "mib_mibps", bench.pull(big).mibPerSecond());
        List<Blob> pulls = bench.inParallel(clients, i -> bench.pull(parallel.get(i)));
        bench.report("pull_" + clients + "x" + (smallBytes >> 20) + "mib_mibps", aggregate(pulls));

        String manifestPath = bench.pushManifest(big);
        bench.manifestGets(big.repository(), manifestPath, getConnections, Duration.ofSeconds(getSeconds));
    }

    /** One blob pushed or pulled, with how long it took. */
    record Blob(String repository, String digest, long size, long nanos) {
        double mibPerSecond() {
            return size / 1048576.0 / (nanos / 1e9);
        }
    }

    interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    private <T> List<T> inParallel(int count, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Aggregate throughput: all bytes over the longest transfer (they ran at the same time). */
    private static double aggregate(List<Blob> blobs) {
        long bytes = blobs.stream().mapToLong(Blob::size).sum();
        long nanos = blobs.stream().mapToLong(Blob::nanos).max().orElse(1);
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    /** Pushes fresh random bytes; {@code chunkBytes} 0 means one monolithic POST + PUT. The digest is computed first. */
    private Blob push(String repository, long size, long chunkBytes) throws Exception {
        byte[] pattern = new byte[BUFFER];
        ThreadLocalRandom.current().nextBytes(pattern);
        // A fresh prefix makes every blob new to the registry; the rest repeats a random buffer (cheap to produce).
        byte[] prefix = (repository + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream content = new PatternStream(prefix, pattern, 0, size)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = content.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        String token = token(repository, "pull,push");

        long started = System.nanoTime();
        String location = startUpload(repository, token);
        if (chunkBytes <= 0) {
            send("PUT", withDigest(location, digest), token, size, prefix, pattern, 0, null, 201);
        } else {
            for (long offset = 0; offset < size; offset += chunkBytes) {
                long length = Math.min(chunkBytes, size - offset);
                HttpResponse<String> patch = send("PATCH", location, token, length, prefix, pattern, offset,
                        offset + "-" + (offset + length - 1), 202);
                location = absolute(patch.headers().firstValue("Location").orElseThrow());
            }
            send("PUT", withDigest(location, digest), token, 0, prefix, pattern, 0, null, 201);
        }
        return new Blob(repository, digest, size, System.nanoTime() - started);
    }

    private Blob pull(Blob blob) throws Exception {
        String token = token(blob.repository(), "pull");
        long started = System.nanoTime();
        HttpResponse<InputStream> get = http.send(request("GET",
                base + "/v2/" + blob.repository() + "/blobs/" + blob.digest(), token,
                HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofInputStream());
        long read = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = get.body()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        }
        if (get.statusCode() != 200 || read != blob.size()) {
            throw new IOException("pull answered " + get.statusCode() + " with " + read + " of " + blob.size() + " bytes");
        }
        return new Blob(blob.repository(), blob.digest(), read, System.nanoTime() - started);
    }

    /** Pushes a small image manifest over {@code layer} (with an empty config) tagged {@code bench}; returns its path. */
    private String pushManifest(Blob layer) throws Exception {
        String token = token(layer.repository(), "pull,push");
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String configDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        // POST then PUT: Distribution 2.8 does not take a whole blob in the POST.
        String location = startUpload(layer.repository(), token);
        exchange(request("PUT", withDigest(location, configDigest), token, HttpRequest.BodyPublishers.ofByteArray(config)),
                201);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer.digest() + "\",\"size\":"
                + layer.size() + "}]}";
        String path = "/v2/" + layer.repository() + "/manifests/bench";
        exchange(authorized(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json"), token).build(), 201);
        return path;
    }

    /** {@code connections} keep-alive clients GET the manifest by tag for {@code duration}; reports rate and latency. */
    private void manifestGets(String repository, String path, int connections, Duration duration) throws Exception {
        String token = token(repository, "pull");
        HttpRequest get = authorized(HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Accept", "application/vnd.oci.image.manifest.v1+json"), token).build();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        List<long[]> perClient = inParallel(connections, i -> {
            long[] latencies = new long[1 << 20];
            int count = 0;
            while (System.nanoTime() < deadline && count < latencies.length) {
                long started = System.nanoTime();
                if (http.send(get, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 200) {
                    failures.incrementAndGet();
                }
                latencies[count++] = System.nanoTime() - started;
            }
            return Arrays.copyOf(latencies, count);
        });
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        report("manifest_get_rps", all.length / (double) duration.toSeconds());
        report("manifest_get_p50_ms", all.length == 0 ? 0 : all[all.length / 2] / 1e6);
        report("manifest_get_p99_ms", all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
        report("manifest_get_failures", failures.get());
    }

    private String startUpload(String repository, String token) throws IOException, InterruptedException {
        HttpResponse<String> post = exchange(request("POST", base + "/v2/" + repository + "/blobs/uploads/", token,
                HttpRequest.BodyPublishers.noBody()), 202);
        return absolute(post.headers().firstValue("Location").orElseThrow());
    }

    /** Bytes {@code [from, to)} of a blob made of {@code prefix}, then {@code pattern} repeated: no big arrays. */
    private static final class PatternStream extends InputStream {
        private final byte[] prefix;
        private final byte[] pattern;
        private long position;
        private final long end;

        PatternStream(byte[] prefix, byte[] pattern, long from, long to) {
            this.prefix = prefix;
            this.pattern = pattern;
            this.position = from;
            this.end = to;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= end) {
                return -1;
            }
            int count = (int) Math.min(length, end - position);
            for (int i = 0; i < count; i++) {
                long at = position + i;
                buffer[offset + i] = at < prefix.length ? prefix[(int) at] : pattern[(int) (at % pattern.length)];
            }
            position += count;
            return count;
        }
    }

    private HttpResponse<String> send(String method, String url, String token, long length, byte[] prefix,
            byte[] pattern, long offset, String contentRange, int expected) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new PatternStream(prefix, pattern, offset, offset + length)), length);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).method(method, body)
                .header("Content-Type", "application/octet-stream");
        if (contentRange != null) {
            builder.header("Content-Range", contentRange);
        }
        return exchange(authorized(builder, token).build(), expected);
    }

    private HttpRequest request(String method, String url, String token, HttpRequest.BodyPublisher body) {
        return authorized(HttpRequest.newBuilder(URI.create(url)).method(method, body), token).build();
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        builder.timeout(Duration.ofMinutes(10));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> exchange(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body());
        }
        return response;
    }

    private String token(String repository, String actions) throws IOException, InterruptedException {
        if (tokenUrl == null) {
            return null;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                tokenUrl + "?service=wharf-registry&scope=repository:" + repository + ":" + actions));
        if (credentials != null) {
            builder.header("Authorization", "Basic " + credentials);
        }
        String json = exchange(builder.build(), 200).body();
        int start = json.indexOf("\"token\"");
        int open = json.indexOf('"', json.indexOf(':', start) + 1);
        return json.substring(open + 1, json.indexOf('"', open + 1));
    }

    private String absolute(String location) {
        return URI.create(base + "/").resolve(location).toString();
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    private void report(String metric, double value) {
        System.out.println(label + "." + metric + "=" + String.format(Locale.ROOT, "%.1f", value));
    }

    /** {@code --key value} pairs. */
    private record Options(String[] args) {
        String get(String key, String fallback) {
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals(key)) {
                    return args[i + 1];
                }
            }
            return fallback;
        }
    }
}
