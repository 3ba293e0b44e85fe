import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry load generator with no dependencies (run with {@code java bench/RegistryBench.java URL [options]}).
 * Measures push MiB/s (monolithic POST+PUT and chunked PATCHes; one big blob and several clients with a smaller blob
 * each), pull MiB/s (one and several clients), manifest GETs by tag per second with p50/p99 latency (Debian's
 * {@code wrk}, keep-alive connections) and, given a token URL, token issuance per second (also {@code wrk}). Every
 * loop is bounded in count and time; only the given URLs (loopback) are contacted.
 *
 * <p>Options: {@code --name LABEL}, {@code --token-url URL --user U --password P} (Docker token auth: a token per
 * repository is fetched once), {@code --access-token SECRET} (token issuance is measured with it too), {@code --big-mib N} (default 256), {@code --small-mib N} (64), {@code --clients N} (8),
 * {@code --chunk-mib N} (8), {@code --pull-repeats N} (4: each pull figure times N pulls of each blob in a row),
 * {@code --get-connections N} (64), {@code --get-seconds N} (10),
 * {@code --token-connections N} (8), {@code --token-seconds N} (5).
 *
 * <p>The many-clients pull: {@code --fleet-clients N} (1000; 0 skips it) connections at once each pull one image, its
 * manifest by tag and then {@code --fleet-layers N} (3) layers of {@code --fleet-layer-mib N} (16), one connection per
 * request; the phase is bounded by {@code --fleet-seconds N} (300), after which unfinished clients count as errors.
 * The clients run on virtual threads where the JDK has them (21+), else on as many small-stack platform threads.
 * Given {@code --server-pid PID} (the server on this machine), it also reports the server's CPU seconds per pushed GiB
 * for each push figure (user + system time from /proc, {@code --clock-ticks N}, 100, per second) and its peak RSS
 * during the many-clients pull (sampled every 50 ms).
 * Output: one {@code metric=value} line per figure, prefixed by the label.
 */
public final class RegistryBench {

    private static final int BUFFER = 1 << 20;
    /** Per connection of the many-clients pull: a thousand of them must stay cheap. */
    private static final int FLEET_BUFFER = 32 << 10;

    private final String base;
    private final String label;
    private final String tokenUrl;
    private final String credentials;
    /** Pull tokens fetched before the round's pushes (tokens live 5 minutes; a round takes well under that). */
    private final Map<String, String> pullTokens = new HashMap<>();
    private final ServerProcess server;

    private RegistryBench(String base, String label, String tokenUrl, String user, String password,
            ServerProcess server) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.label = label;
        this.tokenUrl = tokenUrl;
        this.credentials = user == null ? null : basic(user, password);
        this.server = server;
    }

    private static String basic(String user, String secret) {
        return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java RegistryBench.java http://127.0.0.1:5000 [--name wharf] [options]");
            System.exit(2);
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        String serverPid = options.get("--server-pid", null);
        ServerProcess server = serverPid == null ? null
                : new ServerProcess(Long.parseLong(serverPid), Integer.parseInt(options.get("--clock-ticks", "100")));
        RegistryBench bench = new RegistryBench(args[0], options.get("--name", "registry"),
                options.get("--token-url", null), options.get("--user", null), options.get("--password", null),
                server);
        String namespace = options.get("--namespace", "bench");
        long bigBytes = Long.parseLong(options.get("--big-mib", "256")) << 20;
        long smallBytes = Long.parseLong(options.get("--small-mib", "64")) << 20;
        int clients = Integer.parseInt(options.get("--clients", "8"));
        long chunkBytes = Long.parseLong(options.get("--chunk-mib", "8")) << 20;
        int getConnections = Integer.parseInt(options.get("--get-connections", "64"));
        int getSeconds = Integer.parseInt(options.get("--get-seconds", "10"));
        int tokenConnections = Integer.parseInt(options.get("--token-connections", "8"));
        int tokenSeconds = Integer.parseInt(options.get("--token-seconds", "5"));
        int pullRepeats = Integer.parseInt(options.get("--pull-repeats", "4"));
        int fleetClients = Integer.parseInt(options.get("--fleet-clients", "1000"));
        int fleetLayers = Integer.parseInt(options.get("--fleet-layers", "3"));
        long fleetLayerBytes = Long.parseLong(options.get("--fleet-layer-mib", "16")) << 20;
        int fleetSeconds = Integer.parseInt(options.get("--fleet-seconds", "300"));
        String run = Long.toString(System.nanoTime(), 36);
        String big = "1x" + (bigBytes >> 20) + "mib";
        String small = clients + "x" + (smallBytes >> 20) + "mib";

        // Pull tokens first: asking the token service right before a pull would time the index's work (its bcrypt
        // check, then its JIT compiler and collector) on the same cores as the transfer.
        bench.prefetchPullToken(namespace + "/big-" + run);
        for (int i = 0; i < clients; i++) {
            bench.prefetchPullToken(namespace + "/par-" + run + "-" + i);
        }
        Blob monolithic = bench.pushPhase("push_monolithic_" + big,
                () -> List.of(bench.push(namespace + "/big-" + run, bigBytes, 0))).get(0);
        bench.pushPhase("push_chunked_" + big,
                () -> List.of(bench.push(namespace + "/chunked-" + run, bigBytes, chunkBytes)));
        List<Blob> parallel = bench.pushPhase("push_monolithic_" + small, () -> bench.inParallel(clients,
                i -> bench.push(namespace + "/par-" + run + "-" + i, smallBytes, 0)));
        bench.pushPhase("push_chunked_" + small, () -> bench.inParallel(clients,
                i -> bench.push(namespace + "/parc-" + run + "-" + i, smallBytes, chunkBytes)));

        bench.report("pull_" + big + "_mibps", bench.pull(monolithic, pullRepeats).mibPerSecond());
        List<Blob> pulls = bench.inParallel(clients, i -> bench.pull(parallel.get(i), pullRepeats));
        bench.report("pull_" + small + "_mibps", aggregate(pulls));

        String manifestPath = bench.pushManifest(List.of(monolithic));
        if (fleetClients > 0) {
            bench.fleetPull(namespace + "/fleet-" + run, fleetClients, fleetLayers, fleetLayerBytes, fleetSeconds);
        }
        bench.manifestGets(monolithic.repository(), manifestPath, getConnections, getSeconds);
        if (bench.tokenUrl != null) {
            bench.tokenIssuance("token", bench.credentials, namespace + "/big-" + run, tokenConnections,
                    tokenSeconds);
            String accessToken = options.get("--access-token", null);
            if (accessToken != null) {
                bench.tokenIssuance("token_access_token", basic(options.get("--user", null), accessToken),
                        namespace + "/big-" + run, tokenConnections, tokenSeconds);
            }
        }
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

    interface Pushes {
        List<Blob> run() throws Exception;
    }

    /**
     * Runs {@code pushes} and reports their aggregate MiB/s as {@code figure}_mibps and, given the server's process,
     * the CPU seconds it spent per GiB they pushed as {@code figure}_cpu_s_per_gib (user + system; the system part,
     * the kernel's socket and page-cache work, also alone).
     */
    private List<Blob> pushPhase(String figure, Pushes pushes) throws Exception {
        CpuTime before = server == null ? null : server.cpuTime();
        List<Blob> blobs = pushes.run();
        report(figure + "_mibps", aggregate(blobs));
        if (server != null) {
            CpuTime after = server.cpuTime();
            double gib = blobs.stream().mapToLong(Blob::size).sum() / (double) (1L << 30);
            report(figure + "_cpu_s_per_gib", (after.total() - before.total()) / gib, 2);
            report(figure + "_system_cpu_s_per_gib", (after.system() - before.system()) / gib, 2);
        }
        return blobs;
    }

    /**
     * {@code clients} connections at once pull the same image, as a CI fleet does when its jobs start: each client
     * GETs the manifest by tag, then every layer, one connection per request. Reports the aggregate MiB/s (all bytes
     * over the whole phase), the errors (a failed request, a short body, or a client unfinished after
     * {@code seconds}), the slowest client's seconds and, given the server's process, its peak RSS meanwhile.
     */
    private void fleetPull(String repository, int clients, int layerCount, long layerBytes, int seconds)
            throws Exception {
        List<Blob> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            layers.add(push(repository, layerBytes, 0));
        }
        String manifestPath = pushManifest(layers);
        String token = token(repository, "pull");
        AtomicLong bytes = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong slowestNanos = new AtomicLong();
        AtomicLong peakRssKib = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = manyClients(clients);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long started;
        long elapsed;
        try {
            if (server != null) {
                sampler.scheduleAtFixedRate(() -> peakRssKib.accumulateAndGet(server.rssKib(), Math::max), 0, 50,
                        TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < clients; i++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        long began = System.nanoTime();
                        long read = fleetGet(manifestPath, token, -1);
                        for (Blob layer : layers) {
                            read += fleetGet("/v2/" + repository + "/blobs/" + layer.digest(), token, layer.size());
                        }
                        bytes.addAndGet(read);
                        slowestNanos.accumulateAndGet(System.nanoTime() - began, Math::max);
                        finished.incrementAndGet();
                    } catch (Exception failed) {
                        System.err.println(label + ": a client of the many-clients pull failed: " + failed);
                    }
                });
            }
            started = System.nanoTime();
            start.countDown();
            pool.shutdown();
            pool.awaitTermination(seconds, TimeUnit.SECONDS);
            elapsed = System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
            sampler.shutdownNow();
        }
        String figure = "pull_" + clients + "_clients_" + layerCount + "x" + (layerBytes >> 20) + "mib";
        report(figure + "_mibps", bytes.get() / 1048576.0 / (elapsed / 1e9));
        report(figure + "_errors", clients - finished.get());
        report(figure + "_slowest_client_s", slowestNanos.get() / 1e9);
        if (server != null) {
            report(figure + "_peak_rss_mib", peakRssKib.get() / 1024.0);
        }
    }

    /** One GET of the many-clients pull; returns the body's bytes, which must be {@code expected} unless that is -1. */
    private long fleetGet(String path, String token, long expected) throws IOException {
        Response response = http("GET", base + path, token,
                List.of("Accept: application/vnd.oci.image.manifest.v1+json"), PatternBody.EMPTY, null, FLEET_BUFFER);
        if (response.status() != 200 || (expected >= 0 && response.bodyBytes() != expected)) {
            throw new IOException("GET " + path + " answered " + response.status() + " with "
                    + response.bodyBytes() + " bytes");
        }
        return response.bodyBytes();
    }

    /**
     * Threads for {@code clients} blocking clients at once: virtual threads where the JDK has them (21+; looked up
     * by name, so that this file still compiles on 17), else small-stack daemon platform threads.
     */
    private static ExecutorService manyClients(int clients) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException beforeJdk21) {
            return Executors.newFixedThreadPool(clients, task -> {
                Thread thread = new Thread(null, task, "client", 256 << 10);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** CPU seconds a process has spent in user space and in the kernel. */
    record CpuTime(double user, double system) {
        double total() {
            return user + system;
        }
    }

    /** The server under test, a process on this machine: its CPU time and memory, read from /proc. */
    private record ServerProcess(long pid, int clockTicksPerSecond) {
        CpuTime cpuTime() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name (in parentheses, it may hold spaces): the state, ..., utime 12th, stime 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuTime(Long.parseLong(fields[11]) / (double) clockTicksPerSecond,
                    Long.parseLong(fields[12]) / (double) clockTicksPerSecond);
        }

        long rssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
                return 0;
            } catch (IOException gone) {
                return 0;
            }
        }
    }

    /** Aggregate throughput: all bytes over the longest transfer (they ran at the same time). */
    private static double aggregate(List<Blob> blobs) {
        long bytes = blobs.stream().mapToLong(Blob::size).sum();
        long nanos = blobs.stream().mapToLong(Blob::nanos).max().orElse(1);
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    /**
     * Pushes a fresh random blob (a random 1 MiB pattern, repeated); {@code chunkBytes} 0 means one monolithic
     * POST + PUT, otherwise PATCHes of that size with Content-Range, then a PUT without body. The digest is computed
     * before the clock starts.
     */
    private Blob push(String repository, long size, long chunkBytes) throws Exception {
        byte[] pattern = new byte[BUFFER];
        ThreadLocalRandom.current().nextBytes(pattern);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long offset = 0; offset < size; offset += pattern.length) {
            sha.update(pattern, 0, (int) Math.min(pattern.length, size - offset));
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        String token = token(repository, "pull,push");

        long started = System.nanoTime();
        String location = startUpload(repository, token);
        if (chunkBytes <= 0) {
            exchange("PUT", withDigest(location, digest), token, List.of(), new PatternBody(pattern, 0, size), 201);
        } else {
            for (long offset = 0; offset < size; offset += chunkBytes) {
                long length = Math.min(chunkBytes, size - offset);
                Response patch = exchange("PATCH", location, token,
                        List.of("Content-Range: " + offset + "-" + (offset + length - 1)),
                        new PatternBody(pattern, offset, offset + length), 202);
                location = absolute(patch.header("Location"));
            }
            exchange("PUT", withDigest(location, digest), token, List.of(), PatternBody.EMPTY, 201);
        }
        return new Blob(repository, digest, size, System.nanoTime() - started);
    }

    /**
     * Pulls {@code blob} {@code repeats} times in a row; returns all bytes over the whole time. One pull of 256 MiB
     * lasts about 0.1 s on loopback, too short for one sample to say more than how the scheduler felt.
     */
    private Blob pull(Blob blob, int repeats) throws Exception {
        String token = pullTokens.containsKey(blob.repository()) ? pullTokens.get(blob.repository())
                : token(blob.repository(), "pull");
        long started = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            long read = http("GET", base + "/v2/" + blob.repository() + "/blobs/" + blob.digest(), token, List.of(),
                    PatternBody.EMPTY, null).bodyBytes();
            if (read != blob.size()) {
                throw new IOException("pull of " + blob.digest() + " read " + read + " of " + blob.size() + " bytes");
            }
        }
        return new Blob(blob.repository(), blob.digest(), blob.size() * repeats, System.nanoTime() - started);
    }

    /**
     * Pushes a small image manifest over {@code layers} (of one repository, with an empty config) tagged
     * {@code bench}; returns its path.
     */
    private String pushManifest(List<Blob> layers) throws Exception {
        String repository = layers.get(0).repository();
        String token = token(repository, "pull,push");
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String configDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        // POST then PUT: Distribution 2.8 does not take a whole blob in the POST.
        exchange("PUT", withDigest(startUpload(repository, token), configDigest), token, List.of(),
                new BytesBody(config), 201);
        List<String> descriptors = new ArrayList<>();
        for (Blob layer : layers) {
            descriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                    + layer.digest() + "\",\"size\":" + layer.size() + "}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + String.join(",", descriptors) + "]}";
        String path = "/v2/" + repository + "/manifests/bench";
        exchange("PUT", base + path, token, List.of("Content-Type: application/vnd.oci.image.manifest.v1+json"),
                new BytesBody(manifest.getBytes(StandardCharsets.UTF_8)), 201);
        return path;
    }

    /** {@code connections} keep-alive connections of wrk GET the manifest by tag; reports rate and latency. */
    private void manifestGets(String repository, String path, int connections, int seconds) throws Exception {
        String token = token(repository, "pull");
        List<String> headers = new ArrayList<>(List.of("Accept: application/vnd.oci.image.manifest.v1+json"));
        if (token != null) {
            headers.add("Authorization: Bearer " + token);
        }
        Wrk result = wrk(base + path, headers, connections, seconds);
        report("manifest_get_rps", result.requestsPerSecond());
        report("manifest_get_p50_ms", result.p50Millis());
        report("manifest_get_p99_ms", result.p99Millis());
        report("manifest_get_errors", result.errors());
    }

    /**
     * {@code connections} clients of wrk ask the token service for a pull+push token with Basic credentials:
     * {@code name}_rps, _p99_ms and _errors. A password costs a bcrypt check per request, an access token a SHA-256.
     */
    private void tokenIssuance(String name, String basicCredentials, String repository, int connections, int seconds)
            throws Exception {
        Wrk result = wrk(tokenUrl + "?service=wharf-registry&scope=repository:" + repository + ":pull,push",
                List.of("Authorization: Basic " + basicCredentials), connections, seconds);
        report(name + "_rps", result.requestsPerSecond());
        report(name + "_p99_ms", result.p99Millis());
        report(name + "_errors", result.errors());
    }

    record Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {
    }

    /** Runs Debian's wrk (two threads, one per core) and reads its summary; non-2xx answers count as errors. */
    private static Wrk wrk(String url, List<String> headers, int connections, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t", "2", "-c", String.valueOf(connections),
                "-d", seconds + "s", "--timeout", "10s"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("wrk failed: " + output);
        }
        long errors = 0;
        Matcher failures = Pattern.compile(
                "(?:Non-2xx or 3xx responses:|connect|read|write|timeout)\\s+(\\d+)").matcher(output);
        while (failures.find()) {
            errors += Long.parseLong(failures.group(1));
        }
        return new Wrk(Double.parseDouble(match(output, "Requests/sec:\\s+([0-9.]+)")),
                millis(match(output, "\\s50%\\s+([0-9.]+[a-z]+)")), millis(match(output, "\\s99%\\s+([0-9.]+[a-z]+)")),
                errors);
    }

    private static String match(String text, String regex) throws IOException {
        String found = matchOrNull(text, regex);
        if (found == null) {
            throw new IOException("no " + regex + " in wrk's output: " + text);
        }
        return found;
    }

    private static String matchOrNull(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** wrk prints latencies as 850.00us, 12.34ms, 1.20s or 1.50m. */
    private static double millis(String latency) {
        Matcher parts = Pattern.compile("([0-9.]+)([a-z]+)").matcher(latency);
        parts.matches();
        double value = Double.parseDouble(parts.group(1));
        return switch (parts.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60000;
            default -> throw new IllegalArgumentException("unknown unit in " + latency);
        };
    }

    private String startUpload(String repository, String token) throws IOException {
        return absolute(exchange("POST", base + "/v2/" + repository + "/blobs/uploads/", token, List.of(),
                PatternBody.EMPTY, 202).header("Location"));
    }

    /** A request body that writes itself to the socket. */
    interface Body {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    /** Bytes {@code [from, to)} of a blob that repeats {@code pattern}: written straight from it, no big arrays. */
    record PatternBody(byte[] pattern, long from, long to) implements Body {
        static final PatternBody EMPTY = new PatternBody(new byte[1], 0, 0);

        @Override
        public long length() {
            return to - from;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (long position = from; position < to; ) {
                int at = (int) (position % pattern.length);
                int count = (int) Math.min(pattern.length - at, to - position);
                out.write(pattern, at, count);
                position += count;
            }
        }
    }

    record BytesBody(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    /** Status, headers (names lower-cased), and the body: kept as text when small, otherwise only counted. */
    record Response(int status, Map<String, String> headers, String text, long bodyBytes) {
        String header(String name) throws IOException {
            String value = headers.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IOException("no " + name + " header in the answer: " + headers);
            }
            return value;
        }
    }

    private Response exchange(String method, String url, String token, List<String> headers, Body body,
            int expected) throws IOException {
        Response response = http(method, url, token, headers, body, null);
        if (response.status() != expected) {
            throw new IOException(method + " " + url + " answered " + response.status() + " (expected " + expected
                    + "): " + response.text());
        }
        return response;
    }

    /**
     * One HTTP/1.1 exchange on its own loopback connection ({@code Connection: close}, so the body ends at EOF): a
     * plain socket and 1 MiB buffers, so that the client costs as little CPU as possible and the servers' differences
     * show (the JDK's HttpClient was the bottleneck of pulls).
     */
    private Response http(String method, String url, String token, List<String> headers, Body body,
            String basicCredentials) throws IOException {
        return http(method, url, token, headers, body, basicCredentials, BUFFER);
    }

    private Response http(String method, String url, String token, List<String> headers, Body body,
            String basicCredentials, int bufferBytes) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) Duration.ofMinutes(5).toMillis());
            StringBuilder head = new StringBuilder(method).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            } else if (basicCredentials != null) {
                head.append("Authorization: Basic ").append(basicCredentials).append("\r\n");
            }
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            if (body.length() > 0 || !method.equals("GET")) {
                head.append("Content-Length: ").append(body.length()).append("\r\n");
                if (body.length() > 0 && headers.stream().noneMatch(h -> h.startsWith("Content-Type"))) {
                    head.append("Content-Type: application/octet-stream\r\n");
                }
            }
            head.append("\r\n");
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), bufferBytes);
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            body.writeTo(out);
            out.flush();

            InputStream in = new BufferedInputStream(socket.getInputStream(), bufferBytes);
            String statusLine = readLine(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException(method + " " + url + ": no HTTP answer (" + statusLine + ")");
            }
            Map<String, String> answerHeaders = new HashMap<>();
            for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
                int colon = line.indexOf(':');
                answerHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] buffer = new byte[bufferBytes];
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            long count = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (count < 64 * 1024) {
                    text.write(buffer, 0, (int) Math.min(n, 64 * 1024 - count));
                }
                count += n;
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), answerHeaders,
                    text.toString(StandardCharsets.UTF_8), count);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    private void prefetchPullToken(String repository) throws IOException {
        if (tokenUrl != null) {
            pullTokens.put(repository, token(repository, "pull"));
        }
    }

    private String token(String repository, String actions) throws IOException {
        if (tokenUrl == null) {
            return null;
        }
        Response answer = http("GET", tokenUrl + "?service=wharf-registry&scope=repository:" + repository + ":"
                + actions, null, List.of(), PatternBody.EMPTY, credentials);
        if (answer.status() != 200) {
            throw new IOException("token service answered " + answer.status() + ": " + answer.text());
        }
        String json = answer.text();
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
        report(metric, value, 1);
    }

    private void report(String metric, double value, int decimals) {
        System.out.println(label + "." + metric + "=" + String.format(Locale.ROOT, "%." + decimals + "f", value));
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
