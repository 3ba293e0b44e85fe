import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull-through cache's figures, with no dependencies ({@code java bench/ProxyBench.java WHARF UPSTREAM [options]}):
 * for 1 and N clients, each pulling a blob of its own, MiB/s of a cold miss through the cache (fresh blobs the cache
 * must fetch) against pulling the same blobs from the upstream directly, and of a cache hit against pulling content
 * pushed to Wharf itself. Both registries must be open (no authentication); the cache is defined as {@code benchup}.
 * A small unrecorded round runs first. Every loop is bounded; only the given (loopback) URLs are contacted.
 *
 * <p>After each cold round it waits until the cache has stored what it fetched (the commit follows the clients'
 * last byte), so that the next figure does not share the machine with it.
 *
 * <p>With {@code --upstream-mibps N} the upstream is reached through a relay that passes at most N MiB/s from it, in
 * all connections together: a link to a remote registry, which both the direct pulls and the cache's fetches share.
 * Without it the upstream is the loopback's full speed, where on a machine of few cores the figure measures the CPU
 * each path costs (the cache verifies and writes every byte it relays; the upstream sends a stored file).
 *
 * <p>Options: {@code --mib N} (size of each blob, default 64), {@code --clients N} (8), {@code --name LABEL},
 * {@code --upstream-mibps N} (0: no relay), {@code --metrics URL} (Wharf's Prometheus endpoint). Output: one {@code metric=value} line per figure, prefixed by the label.
 */
public final class ProxyBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String PROXY = "benchup";
    private static final String UPSTREAM_REPOSITORY = "bench/upstream";
    private static final String LOCAL_REPOSITORY = "bench/local";
    /** Enough bytes through the cache's paths that the JIT has compiled them before the recorded rounds. */
    private static final long WARM_UP_BYTES = 8 << 20;
    private static final Pattern FETCHES_RUNNING = Pattern.compile(
            "(?m)^wharf_registry_proxy_blob_fetches(?:\\{[^}]*})? ([0-9.Ee+-]+)$");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String wharf;
    private final String upstream;

    private final String metrics;

    private ProxyBench(String wharf, String upstream, String metrics) {
        this.wharf = wharf;
        this.upstream = upstream;
        this.metrics = metrics;
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
        long upstreamMibps = Long.parseLong(option(args, "--upstream-mibps", "0"));
        String upstream = upstreamMibps > 0 ? LinkRelay.start(URI.create(args[1]), upstreamMibps << 20) : args[1];
        ProxyBench bench = new ProxyBench(args[0], upstream, option(args, "--metrics", args[0]
                + "/actuator/prometheus"));
        bench.defineProxy();
        // An unrecorded round first: the JVM compiles the cache's paths, as in a registry that has run a while.
        List<String> warmUp = bench.pushBlobs(bench.upstream, UPSTREAM_REPOSITORY, clients, WARM_UP_BYTES);
        bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, warmUp, WARM_UP_BYTES);
        bench.awaitStored();
        bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, warmUp, WARM_UP_BYTES);
        for (int count : new int[] {1, clients}) {
            List<String> fresh = bench.pushBlobs(bench.upstream, UPSTREAM_REPOSITORY, count, bytes);
            List<String> local = bench.pushBlobs(bench.wharf, LOCAL_REPOSITORY, count, bytes);
            String suffix = "_" + count + "x_mibps";
            double cold = bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, fresh, bytes);
            bench.awaitStored();
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

    /** Waits until the cache stored every blob it fetched: no transfer is running any more. */
    private void awaitStored() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(metrics)).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher running = FETCHES_RUNNING.matcher(answer.body());
            require(answer.statusCode() == 200 && running.find(), "no blob fetch gauge at " + metrics);
            if (Double.parseDouble(running.group(1)) == 0) {
                return;
            }
            require(System.nanoTime() < deadline, "the cache did not store its fetched blobs in " + TIMEOUT);
            Thread.sleep(100);
        }
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

    /**
     * A loopback relay to the upstream that passes its answers at no more than a given rate, shared by all
     * connections (token bucket of 1/20 s); requests pass unlimited.
     */
    private static final class LinkRelay {

        private final long bytesPerSecond;
        private long sent;
        private final long startNanos = System.nanoTime();

        private LinkRelay(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        static String start(URI upstream, long bytesPerSecond) throws IOException {
            LinkRelay relay = new LinkRelay(bytesPerSecond);
            ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        Socket client = listener.accept();
                        Socket server = new Socket(upstream.getHost(), upstream.getPort());
                        relay.pipe(client.getInputStream(), server.getOutputStream(), false, client, server);
                        relay.pipe(server.getInputStream(), client.getOutputStream(), true, client, server);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "link-relay");
            acceptor.setDaemon(true);
            acceptor.start();
            return "http://127.0.0.1:" + listener.getLocalPort();
        }

        private void pipe(InputStream from, OutputStream to, boolean limited, Socket one, Socket other) {
            Thread copier = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    for (int count; (count = from.read(buffer)) >= 0; ) {
                        if (limited) {
                            pace(count);
                        }
                        to.write(buffer, 0, count);
                    }
                } catch (IOException | InterruptedException ended) {
                    // either side closed
                } finally {
                    try {
                        one.close();
                        other.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }, "link-relay-copy");
            copier.setDaemon(true);
            copier.start();
        }

        /** Waits until {@code count} more bytes fit the rate since the relay started (bursts of 1/20 s at most). */
        private void pace(int count) throws InterruptedException {
            long due;
            synchronized (this) {
                long elapsed = System.nanoTime() - startNanos;
                long allowedAt = Math.max(sent, elapsed * bytesPerSecond / 1_000_000_000L - bytesPerSecond / 20);
                sent = allowedAt + count;
                due = startNanos + sent * 1_000_000_000L / bytesPerSecond;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
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
