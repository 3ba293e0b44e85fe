import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pull-through cache's figures, with no dependencies ({@code java bench/ProxyBench.java WHARF UPSTREAM [options]}):
 * for 1 and N clients, each pulling a blob of its own, MiB/s of a cold miss through the cache (fresh blobs the cache
 * must fetch) against pulling the same blobs from the upstream directly, and of a cache hit against pulling content
 * pushed to Wharf itself. Both registries must be open (no authentication); the cache is defined as {@code benchup}.
 * A small unrecorded round runs first. Every loop is bounded; only the given (loopback) URLs are contacted.
 *
 * <p>Options: {@code --mib N} (size of each blob, default 64), {@code --clients N} (8), {@code --name LABEL}.
 * Output: one {@code metric=value} line per figure, prefixed by the label.
 */
public final class ProxyBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String PROXY = "benchup";
    private static final String UPSTREAM_REPOSITORY = "bench/upstream";
    private static final String LOCAL_REPOSITORY = "bench/local";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String wharf;
    private final String upstream;

    private ProxyBench(String wharf, String upstream) {
        this.wharf = wharf;
        this.upstream = upstream;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java ProxyBench.java http://127.0.0.1:5000 http://127.0.0.1:5002 [--mib 64]"
                    + " [--clients 8] [--name proxy]");
            System.exit(2);
        }
        long bytes = Long.parseLong(option(args, "--mib", "64")) << 20;
        int clients = Integer.parseInt(option(args, "--clients", "8"));
        String label = option(args, "--name", "proxy");
        ProxyBench bench = new ProxyBench(args[0], args[1]);
        bench.defineProxy();
        // An unrecorded round first: the JVM compiles the cache's paths, as in a registry that has run a while.
        List<String> warmUp = bench.pushBlobs(bench.upstream, UPSTREAM_REPOSITORY, clients, 1 << 20);
        bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, warmUp, 1 << 20);
        bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, warmUp, 1 << 20);
        for (int count : new int[] {1, clients}) {
            List<String> fresh = bench.pushBlobs(bench.upstream, UPSTREAM_REPOSITORY, count, bytes);
            List<String> local = bench.pushBlobs(bench.wharf, LOCAL_REPOSITORY, count, bytes);
            String suffix = "_" + count + "x_mibps";
            double cold = bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, fresh, bytes);
            double direct = bench.pull(bench.upstream, UPSTREAM_REPOSITORY, fresh, bytes);
            double hit = bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, fresh, bytes);
            double localPull = bench.pull(bench.wharf, LOCAL_REPOSITORY, local, bytes);
            print(label, "cold_miss" + suffix, cold);
            print(label, "direct_upstream" + suffix, direct);
            print(label, "cache_hit" + suffix, hit);
            print(label, "local" + suffix, localPull);
            print(label, "cold_vs_direct_" + count + "x", cold / direct);
            print(label, "hit_vs_local_" + count + "x", hit / localPull);
        }
    }

    private void defineProxy() throws IOException, InterruptedException {
        String body = "{\"upstream\": \"" + upstream + "\", \"revalidateAfterSeconds\": 300}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(wharf + "/admin/proxies/" + PROXY))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200, "defining the cache: " + answer.statusCode() + " " + answer.body());
    }

    /** Pushes {@code count} random blobs (a session, then its PUT, as Distribution takes them); their digests. */
    private List<String> pushBlobs(String registry, String repository, int count, long bytes) throws Exception {
        List<String> digests = new ArrayList<>();
        for (int blob = 0; blob < count; blob++) {
            byte[] content = new byte[(int) bytes];
            ThreadLocalRandom.current().nextBytes(content);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            HttpResponse<Void> started = http.send(HttpRequest.newBuilder(URI.create(registry + "/v2/" + repository
                    + "/blobs/uploads/")).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            require(started.statusCode() == 202, "starting an upload: " + started.statusCode());
            String location = URI.create(registry).resolve(started.headers().firstValue("Location").orElseThrow())
                    .toString();
            HttpResponse<Void> finished = http.send(HttpRequest.newBuilder(URI.create(location
                    + (location.contains("?") ? "&" : "?") + "digest=" + digest)).timeout(TIMEOUT)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
            require(finished.statusCode() == 201, "finishing an upload: " + finished.statusCode());
            digests.add(digest);
        }
        return digests;
    }

    /** Every client GETs its own blob at the same time; the MiB/s of all of them together. */
    private double pull(String registry, String repository, List<String> digests, long bytes) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(digests.size());
        try {
            long start = System.nanoTime();
            List<Future<Long>> pulls = new ArrayList<>();
            for (String digest : digests) {
                pulls.add(clients.submit(() -> pullOne(registry + "/v2/" + repository + "/blobs/" + digest)));
            }
            long total = 0;
            for (Future<Long> pull : pulls) {
                total += pull.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            require(total == bytes * digests.size(), "pulled " + total + " bytes of " + bytes * digests.size());
            return total / 1048576.0 / seconds;
        } finally {
            clients.shutdownNow();
        }
    }

    private long pullOne(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        require(answer.statusCode() == 200, "GET " + url + ": " + answer.statusCode());
        long read = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream body = answer.body()) {
            for (int count; (count = body.read(buffer)) >= 0; ) {
                read += count;
            }
        }
        return read;
    }

    private static void print(String label, String metric, double value) {
        System.out.println(label + ".r1." + metric + "=" + String.format(Locale.ROOT, "%.2f", value));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int at = 2; at + 1 < args.length; at++) {
            if (args[at].equals(name)) {
                return args[at + 1];
            }
        }
        return fallback;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
