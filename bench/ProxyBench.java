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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * {@code ProxyBench --relay UPSTREAM MIBPS PORT} runs that relay alone (for an hour at most), so that other caches
 * can share the link.
 * Without it the upstream is the loopback's full speed, where on a machine of few cores the figure measures the CPU
 * each path costs (the cache verifies and writes every byte it relays; the upstream sends a stored file).
 *
 * <p>Beside those: the floor, every client pulling its blob from the upstream while hashing it and writing it to a
 * file (the least work of any cache that verifies and stores what it relays); the registry's CPU time per MiB of a
 * cold miss while the clients pull (the store's commit, which follows, is left out; robust on a busy machine, where
 * MiB/s are not); and, when given, CNCF Distribution's own pull-through
 * cache, cold and hit, on the same blobs.
 *
 * <p>Options: {@code --mib N} (size of each blob, default 64), {@code --clients N} (8), {@code --name LABEL},
 * {@code --upstream-mibps N} (0: no relay), {@code --metrics URL} (Wharf's Prometheus endpoint), {@code --registry-pid N} (Wharf's process, for its CPU
 * time), {@code --distribution-proxy URL} and {@code --distribution-proxy-root DIR} (Distribution as a cache of the
 * upstream, and its storage folder), {@code --floor-folder DIR} (where the floor's files go, default the temp
 * folder). Output: one {@code metric=value} line per figure, prefixed by the label.
 */
public final class ProxyBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** USER_HZ of /proc/PID/stat on Linux. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
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
        if (args.length == 4 && args[0].equals("--relay")) {
            // The relay alone, until the process is stopped: for a second cache that must reach the same link.
            LinkRelay.start(URI.create(args[1]), Long.parseLong(args[2]) << 20, Integer.parseInt(args[3]));
            Thread.sleep(TIMEOUT.toMillis() * 12);
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: java ProxyBench.java http://127.0.0.1:5000 http://127.0.0.1:5002 [--mib 64]"
                    + " [--clients 8] [--name proxy]");
            System.exit(2);
        }
        long bytes = Long.parseLong(option(args, "--mib", "64")) << 20;
        int clients = Integer.parseInt(option(args, "--clients", "8"));
        String label = option(args, "--name", "proxy");
        long upstreamMibps = Long.parseLong(option(args, "--upstream-mibps", "0"));
        String upstream = upstreamMibps > 0 ? LinkRelay.start(URI.create(args[1]), upstreamMibps << 20, 0) : args[1];
        ProxyBench bench = new ProxyBench(args[0], upstream, option(args, "--metrics", args[0]
                + "/actuator/prometheus"));
        long registryPid = Long.parseLong(option(args, "--registry-pid", "0"));
        String distributionProxy = option(args, "--distribution-proxy", "");
        Path distributionProxyRoot = Path.of(option(args, "--distribution-proxy-root", "."));
        Path floorFolder = Path.of(option(args, "--floor-folder", System.getProperty("java.io.tmpdir")));
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
            long cpuBefore = cpuMillis(registryPid);
            double cold = bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, fresh, bytes);
            // Before the wait, whose polls of the metrics cost CPU too.
            long coldCpu = cpuMillis(registryPid) - cpuBefore;
            bench.awaitStored();
            double direct = bench.pull(bench.upstream, UPSTREAM_REPOSITORY, fresh, bytes);
            double floor = bench.floor(fresh, bytes, floorFolder);
            double hit = bench.pull(bench.wharf, PROXY + "/" + UPSTREAM_REPOSITORY, fresh, bytes);
            double localPull = bench.pull(bench.wharf, LOCAL_REPOSITORY, local, bytes);
            print(label, "cold_miss" + suffix, cold);
            print(label, "direct_upstream" + suffix, direct);
            print(label, "floor" + suffix, floor);
            print(label, "cache_hit" + suffix, hit);
            print(label, "local" + suffix, localPull);
            print(label, "cold_vs_direct_" + count + "x", cold / direct);
            print(label, "floor_vs_direct_" + count + "x", floor / direct);
            print(label, "hit_vs_local_" + count + "x", hit / localPull);
            if (registryPid > 0) {
                print(label, "cold_miss_registry_cpu_ms_per_mib_" + count + "x", coldCpu / (double) (count
                        * (bytes >> 20)));
            }
            if (!distributionProxy.isEmpty()) {
                double distributionCold = bench.pull(distributionProxy, UPSTREAM_REPOSITORY, fresh, bytes);
                awaitFiles(fresh, distributionProxyRoot);
                double distributionHit = bench.pull(distributionProxy, UPSTREAM_REPOSITORY, fresh, bytes);
                print(label, "distribution_proxy_cold_miss" + suffix, distributionCold);
                print(label, "distribution_proxy_hit" + suffix, distributionHit);
                print(label, "distribution_proxy_cold_vs_direct_" + count + "x", distributionCold / direct);
                print(label, "distribution_proxy_hit_vs_direct_" + count + "x", distributionHit / direct);
            }
        }
    }

    /**
     * The least a storing, verifying cache must do with a blob here, measured from the client's side: every client
     * receives its blob from the upstream, hashes it with SHA-256 and writes it to a file (not fsynced), at once.
     */
    private double floor(List<String> digests, long bytes, Path folder) throws Exception {
        return pullAll(digests, bytes, digest -> {
            Path file = folder.resolve(digest.substring("sha256:".length()));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long read;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                read = pullOne(upstream + "/v2/" + UPSTREAM_REPOSITORY + "/blobs/" + digest, (buffer, count) -> {
                    sha256.update(buffer, 0, count);
                    for (ByteBuffer rest = ByteBuffer.wrap(buffer, 0, count); rest.hasRemaining(); ) {
                        out.write(rest);
                    }
                });
            } finally {
                Files.deleteIfExists(file);
            }
            require(("sha256:" + HexFormat.of().formatHex(sha256.digest())).equals(digest), "floor: wrong bytes");
            return read;
        });
    }

    /** Waits until Distribution's cache (which stores on a second fetch of its own) has stored every blob. */
    private static void awaitFiles(List<String> digests, Path root) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String digest : digests) {
            String hex = digest.substring("sha256:".length());
            Path data = root.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
            while (!Files.exists(data)) {
                require(System.nanoTime() < deadline, "Distribution's cache did not store " + digest);
                Thread.sleep(50);
            }
        }
    }

    /** User and system CPU time of a process so far, all its threads, in milliseconds (0 without a process). */
    private static long cpuMillis(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), counted after the command's closing parenthesis
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
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
        return pullAll(digests, bytes, digest -> pullOne(registry + "/v2/" + repository + "/blobs/" + digest,
                (buffer, count) -> { }));
    }

    /** Runs one client per blob at the same time; the MiB/s of all of them together. */
    private double pullAll(List<String> digests, long bytes, Client client) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(digests.size());
        try {
            long start = System.nanoTime();
            List<Future<Long>> pulls = new ArrayList<>();
            for (String digest : digests) {
                pulls.add(clients.submit(() -> client.pull(digest)));
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

    /** One client's pull of one blob; the bytes it received. */
    @FunctionalInterface
    private interface Client {
        long pull(String digest) throws Exception;
    }

    /** What a client does with each piece of the blob it receives. */
    @FunctionalInterface
    private interface Received {
        void take(byte[] buffer, int count) throws IOException;
    }

    private long pullOne(String url, Received received) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        require(answer.statusCode() == 200, "GET " + url + ": " + answer.statusCode());
        long read = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream body = answer.body()) {
            for (int count; (count = body.read(buffer)) >= 0; ) {
                received.take(buffer, count);
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

        static String start(URI upstream, long bytesPerSecond, int port) throws IOException {
            LinkRelay relay = new LinkRelay(bytesPerSecond);
            ServerSocket listener = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
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
