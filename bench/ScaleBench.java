import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a Wharf registry through its API and measures its metadata paths at that size (bench/scale starts the
 * servers). Loopback only; every loop is bounded in count and time. Prints {@code scale.<metric>=value} lines.
 *
 * <p>The content: {@code <namespace>/big} with {@code --big-repo-tags} tags, and {@code --repos - 1} repositories
 * {@code <namespace>/r000000...} sharing the rest of {@code --tags}. Every tag is its own image manifest with its own
 * small config blob (uploaded with one {@code POST ?digest=}), so there are as many blobs as tags.
 *
 * <p>Options: {@code --registry URL --index URL --user U --password P --access-token SECRET} (the fill authenticates
 * with the access token, a cheap check, and asks one token for {@value #REPOSITORIES_PER_TOKEN} repositories),
 * {@code --namespace bench}, {@code --repos 5000}, {@code --tags 50000}, {@code --big-repo-tags 10000},
 * {@code --fill-connections 32}, {@code --fill-seconds 3600}, {@code --clients 16}, {@code --seconds 5} (each
 * measured path), {@code --index-wait-seconds 600}, {@code --gc-pushers 8}, {@code --gc-seconds 600},
 * {@code --measure yes} ({@code no}: stop after the fill and the index's catch-up), {@code --registry-pid} and
 * {@code --index-pid} with {@code --clock-ticks 100} (the servers' CPU per tag over the fill, from /proc).
 */
public final class ScaleBench {

    private static final int REPOSITORIES_PER_TOKEN = 50;
    /** Tags of the big repository pushed under one token (tokens live 5 minutes). */
    private static final int BIG_TAGS_PER_ITEM = 500;
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern TOKEN = Pattern.compile("\"(?:access_)?token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NUM_RESULTS = Pattern.compile("\"num_results\"\\s*:\\s*(\\d+)");
    private static final Pattern LAST_PUSHED_AT = Pattern.compile("\"lastPushedAt\"\\s*:\\s*\"([^\"]+)\"");
    /** Explore pages a random one is drawn from, each after a random repository's place. */
    private static final int EXPLORE_POSITIONS = 2000;
    /** The tags a repository page shows at once (the index's TAGS_PER_PAGE). */
    private static final int TAGS_PER_PAGE = 25;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String registry;
    private final String index;
    private final String namespace;
    private final String passwordCredentials;
    private final String accessTokenCredentials;
    private final int repos;
    private final int tags;
    private final int bigTags;
    /** The servers' processes, for their CPU time over the fill; -1: not measured. */
    private final long registryPid;
    private final long indexPid;
    private final int clockTicksPerSecond;
    private long registryCpuBeforeFill;
    private long indexCpuBeforeFill;
    private long filledTags;
    private final AtomicLong misses = new AtomicLong();

    private ScaleBench(Map<String, String> options) {
        registry = options.get("--registry");
        index = options.get("--index");
        namespace = options.getOrDefault("--namespace", "bench");
        String user = options.get("--user");
        passwordCredentials = basic(user, options.get("--password"));
        accessTokenCredentials = basic(user, options.getOrDefault("--access-token", options.get("--password")));
        repos = Integer.parseInt(options.getOrDefault("--repos", "5000"));
        tags = Integer.parseInt(options.getOrDefault("--tags", "50000"));
        bigTags = Integer.parseInt(options.getOrDefault("--big-repo-tags", "10000"));
        registryPid = Long.parseLong(options.getOrDefault("--registry-pid", "-1"));
        indexPid = Long.parseLong(options.getOrDefault("--index-pid", "-1"));
        clockTicksPerSecond = Integer.parseInt(options.getOrDefault("--clock-ticks", "100"));
        if (repos < 2 || bigTags < 1 || tags < bigTags + repos - 1) {
            throw new IllegalArgumentException("need --repos >= 2 and --tags >= --big-repo-tags + --repos - 1");
        }
    }

    /** What bench/scale passes on: its own options and the servers it started. */
    private static final Set<String> OPTIONS = Set.of("--access-token", "--big-repo-tags", "--clients", "--clock-ticks",
            "--fill", "--fill-connections", "--fill-seconds", "--gc-pushers", "--gc-seconds", "--index", "--index-pid",
            "--index-wait-seconds", "--measure", "--namespace", "--password", "--registry", "--registry-pid", "--repos",
            "--seconds", "--tags", "--user");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " is not an option with a value; see bench/scale's header");
            }
            options.put(args[i], args[i + 1]);
        }
        ScaleBench bench = new ScaleBench(options);
        int clients = Integer.parseInt(options.getOrDefault("--clients", "16"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "5"));

        String probe = bench.namespace + "/probe";
        String probeToken = bench.token(bench.passwordCredentials, List.of(probe), "pull,push");
        bench.pushImage(probe, "latest", probeToken);
        String manifestPath = "/v2/" + probe + "/manifests/latest";
        // --fill no: the registry holds an earlier run's fill (bench/scale --reuse).
        if (!options.getOrDefault("--fill", "yes").equals("no")) {
            bench.measure("manifest_get_empty", clients, seconds, () -> bench.registry + manifestPath,
                    () -> bench.bearer(bench.token(bench.passwordCredentials, List.of(probe), "pull")));
            bench.fill(Integer.parseInt(options.getOrDefault("--fill-connections", "32")),
                    Integer.parseInt(options.getOrDefault("--fill-seconds", "3600")));
        }
        bench.awaitIndex(Integer.parseInt(options.getOrDefault("--index-wait-seconds", "600")));
        String measure = options.getOrDefault("--measure", "yes");
        if (measure.equals("no")) {
            return;
        }

        bench.measure("manifest_get_full", clients, seconds, () -> bench.registry + manifestPath,
                () -> bench.bearer(bench.token(bench.passwordCredentials, List.of(probe), "pull")));
        // --measure gc: only the collection while pushing.
        if (!measure.equals("gc")) {
            bench.measureMetadata(clients, seconds);
        }
        bench.garbageCollectionWhilePushing(Integer.parseInt(options.getOrDefault("--gc-pushers", "8")),
                Integer.parseInt(options.getOrDefault("--gc-seconds", "600")));
    }

    // ---- the fill ----

    private String smallRepository(int i) {
        return namespace + "/r" + String.format("%06d", i);
    }

    private int tagsOfSmall(int i) {
        int small = repos - 1;
        int rest = tags - bigTags;
        return rest / small + (i < rest % small ? 1 : 0);
    }

    private record Item(List<String> repositories, int tagFrom, int tagTo, boolean big) {
    }

    private void fill(int connections, int maxSeconds) throws Exception {
        ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
        // The big repository's chunks are spread among the small ones, so that all connections stay busy to the end.
        int bigChunks = (bigTags + BIG_TAGS_PER_ITEM - 1) / BIG_TAGS_PER_ITEM;
        int smallBatches = (repos - 1 + REPOSITORIES_PER_TOKEN - 1) / REPOSITORIES_PER_TOKEN;
        int every = Math.max(1, smallBatches / Math.max(1, bigChunks));
        int chunk = 0;
        for (int batch = 0; batch < smallBatches; batch++) {
            if (batch % every == 0 && chunk < bigChunks) {
                items.add(bigItem(chunk++));
            }
            List<String> names = new ArrayList<>();
            for (int i = batch * REPOSITORIES_PER_TOKEN; i < Math.min(repos - 1, (batch + 1) * REPOSITORIES_PER_TOKEN); i++) {
                names.add(smallRepository(i));
            }
            items.add(new Item(names, batch * REPOSITORIES_PER_TOKEN, 0, false));
        }
        while (chunk < bigChunks) {
            items.add(bigItem(chunk++));
        }
        AtomicLong pushedTags = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        registryCpuBeforeFill = cpuMillis(registryPid);
        indexCpuBeforeFill = cpuMillis(indexPid);
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                Item item;
                while (System.nanoTime() < deadline && (item = items.poll()) != null) {
                    try {
                        pushItem(item, pushedTags);
                    } catch (IOException | RuntimeException e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("scale: fill error: " + e);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return null;
            }));
        }
        // The servers' CPU time when half of the tags are in: the second half runs on compiled code, as a long fill.
        long[] atHalf = new long[3];
        Thread progress = new Thread(() -> {
            long nextReport = start + 10_000_000_000L;
            while (!done.get()) {
                try {
                    Thread.sleep(200);
                    if (atHalf[0] == 0 && pushedTags.get() >= tags / 2) {
                        atHalf[1] = cpuMillis(registryPid);
                        atHalf[2] = cpuMillis(indexPid);
                        atHalf[0] = pushedTags.get();
                    }
                } catch (InterruptedException | IOException e) {
                    return;
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += 10_000_000_000L;
                    System.err.printf("scale: %d of %d tags after %.0f s%n", pushedTags.get(), tags,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Future<?> worker : workers) {
            worker.get();
        }
        done.set(true);
        progress.interrupt();
        progress.join();
        pool.shutdown();
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        print("fill_seconds", fillSeconds);
        print("fill_tags", pushedTags.get());
        print("fill_tags_per_s", pushedTags.get() / fillSeconds);
        print("fill_errors", errors.get());
        print("fill_complete", items.isEmpty() && errors.get() == 0 ? 1 : 0);
        filledTags = pushedTags.get();
        printCpuPerTag("fill");
        long secondHalfTags = filledTags - atHalf[0];
        if (atHalf[0] > 0 && secondHalfTags > 0 && registryPid > 0 && indexPid > 0) {
            print("fill_second_half_registry_cpu_ms_per_tag",
                    (cpuMillis(registryPid) - atHalf[1]) / (double) secondHalfTags);
            print("fill_second_half_index_cpu_ms_per_tag",
                    (cpuMillis(indexPid) - atHalf[2]) / (double) secondHalfTags);
        }
    }

    /**
     * The servers' CPU per tag since the fill started (their start excluded): {@code fill} while the index may still
     * be catching up, {@code fill_and_catch_up} once it has every event.
     */
    private void printCpuPerTag(String phase) throws IOException {
        if (filledTags == 0) {
            return;
        }
        if (registryPid > 0) {
            print(phase + "_registry_cpu_ms_per_tag",
                    (cpuMillis(registryPid) - registryCpuBeforeFill) / (double) filledTags);
        }
        if (indexPid > 0) {
            print(phase + "_index_cpu_ms_per_tag", (cpuMillis(indexPid) - indexCpuBeforeFill) / (double) filledTags);
        }
    }

    /** User plus system CPU time of process {@code pid} so far, from /proc (Linux); 0 when not measured. */
    private long cpuMillis(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
        // 14th and 15th fields of the line, the 12th and 13th after the name.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / clockTicksPerSecond;
    }

    private Item bigItem(int chunk) {
        return new Item(List.of(namespace + "/big"), chunk * BIG_TAGS_PER_ITEM,
                Math.min(bigTags, (chunk + 1) * BIG_TAGS_PER_ITEM), true);
    }

    private void pushItem(Item item, AtomicLong pushedTags) throws IOException, InterruptedException {
        String token = token(accessTokenCredentials, item.repositories(), "pull,push");
        if (item.big()) {
            for (int t = item.tagFrom(); t < item.tagTo(); t++) {
                pushImage(item.repositories().get(0), String.format("v%06d", t), token);
                pushedTags.incrementAndGet();
            }
            return;
        }
        for (int r = 0; r < item.repositories().size(); r++) {
            int count = tagsOfSmall(item.tagFrom() + r);
            for (int t = 0; t < count; t++) {
                pushImage(item.repositories().get(r), String.format("t%04d", t), token);
                pushedTags.incrementAndGet();
            }
        }
    }

    /** One unique config blob (one POST with its digest) and an image manifest on it, PUT by tag. */
    private void pushImage(String repository, String tag, String token) throws IOException, InterruptedException {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"config\":{\"Labels\":{\"bench\":\"" + repository + ":" + tag + ":" + System.nanoTime() + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        String digest = sha256(config);
        send("POST", registry + "/v2/" + repository + "/blobs/uploads/?digest=" + digest, token, null, config, 201);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        send("PUT", registry + "/v2/" + repository + "/manifests/" + tag, token, MANIFEST_TYPE, manifest, 201);
    }

    /**
     * Waits until the index (its events from the registry) knows every repository (its search, anonymous: the
     * repositories are public) and every tag of the big repository.
     */
    private void awaitIndex(int maxSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        int knownRepositories = -1;
        int knownBigTags = -1;
        while (System.nanoTime() < deadline) {
            Matcher matcher = NUM_RESULTS.matcher(get(index + "/v1/search?q=" + namespace + "&n=1", null).body());
            knownRepositories = matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
            HttpResponse<String> bigTagList = get(index + "/api/repositories/" + namespace + "/big/-/tags",
                    accessTokenCredentials);
            knownBigTags = bigTagList.statusCode() == 200 ? count(bigTagList.body(), "\"digest\"") : -1;
            if (knownRepositories >= repos + 1 && knownBigTags >= bigTags) { // with the probe
                break;
            }
            Thread.sleep(1000);
        }
        print("index_lag_seconds", (System.nanoTime() - start) / 1e9);
        print("index_repositories", knownRepositories);
        print("index_big_repo_tags", knownBigTags);
        printCpuPerTag("fill_and_catch_up");
    }

    // ---- the measurements ----

    private void measureMetadata(int clients, int seconds) throws Exception {
        Supplier<String> catalogToken = () -> bearer(tokenFor(passwordCredentials, "registry:catalog:*"));
        int last = repos - 2;
        Map<String, String> catalogPages = Map.of("first", "", "middle", "&last=" + smallRepository(last / 2),
                "last", "&last=" + smallRepository(Math.max(0, last - 50)));
        for (var page : new java.util.TreeMap<>(catalogPages).entrySet()) {
            measure("catalog_" + page.getKey(), clients, seconds,
                    () -> registry + "/v2/_catalog?n=100" + page.getValue(), catalogToken);
        }
        String big = namespace + "/big";
        Supplier<String> bigToken = () -> bearer(token(passwordCredentials, List.of(big), "pull"));
        Map<String, String> tagPages = Map.of("first", "", "middle", "&last=" + String.format("v%06d", bigTags / 2),
                "last", "&last=" + String.format("v%06d", Math.max(0, bigTags - 50)));
        for (var page : new java.util.TreeMap<>(tagPages).entrySet()) {
            measure("tags_" + page.getKey(), clients, seconds,
                    () -> registry + "/v2/" + big + "/tags/list?n=100" + page.getValue(), bigToken);
        }
        Map<String, String> searches = Map.of("all", namespace, "some", "r00", "few", "r0012", "none", "nothing-here");
        for (var search : new java.util.TreeMap<>(searches).entrySet()) {
            measure("search_" + search.getKey(), clients, seconds,
                    () -> index + "/v1/search?n=25&q=" + search.getValue(), () -> null);
        }
        measure("explore_first", clients, seconds, () -> index + "/explore", () -> null);
        String middleExplorePage = exploreAfter(smallRepository(repos / 2));
        measure("explore_middle", clients, seconds, () -> middleExplorePage, () -> null);
        measure("repository_page_big", clients, seconds, () -> index + "/r/" + big, () -> null);
        measure("repository_page_big_middle", clients, seconds,
                () -> index + "/r/" + big + "?sort=name&after=" + String.format("v%06d", bigTags / 2), () -> null);
        measure("repository_page_big_filter", clients, seconds, () -> index + "/r/" + big + "?q=v0050", () -> null);
        // The long tail: each request a random search, explore page or tag page, as many visitors ask, none of them
        // answered from the index's pages kept for anonymous visitors.
        int nameStart = namespace.length() + 1;
        measure("search_random", clients, seconds,
                () -> missed(index + "/v1/search?n=25&q=" + smallRepository(random(repos - 1)).substring(nameStart)),
                () -> null);
        List<String> randomExplorePages = new ArrayList<>();
        for (int i = 0; i < Math.min(repos - 1, EXPLORE_POSITIONS); i++) {
            randomExplorePages.add(exploreAfter(smallRepository(random(repos - 1))));
        }
        measure("explore_random", clients, seconds,
                () -> missed(randomExplorePages.get(random(randomExplorePages.size()))), () -> null);
        // Next and Previous links from a random tag: the pages start there, whatever their depth.
        measure("repository_page_big_random", clients, seconds,
                () -> missed(index + "/r/" + big + "?sort=name&after=" + String.format("v%06d", random(bigTags))),
                () -> null);
        measure("repository_page_big_random_previous", clients, seconds,
                () -> missed(index + "/r/" + big + "?sort=name&before=" + String.format("v%06d", random(bigTags))),
                () -> null);
        // The same once every page was viewed: the index then keeps what the registry said of each manifest's
        // signatures, until an event changes it, and asks nothing more.
        viewEveryTagPage(big, clients);
        measure("repository_page_big_random_seen", clients, seconds,
                () -> missed(index + "/r/" + big + "?sort=name&after=" + String.format("v%06d", random(bigTags))),
                () -> null);
    }

    /** Views every page of the big repository's tags once, by name, {@code clients} at a time: _walk_seconds. */
    private void viewEveryTagPage(String big, int clients) throws Exception {
        List<String> pages = new ArrayList<>(List.of(index + "/r/" + big + "?sort=name"));
        for (int last = TAGS_PER_PAGE - 1; last < bigTags - 1; last += TAGS_PER_PAGE) {
            pages.add(index + "/r/" + big + "?sort=name&after=" + String.format("v%06d", last));
        }
        long start = System.nanoTime();
        ExecutorService viewers = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String page : pages) {
                statuses.add(viewers.submit(() -> get(page, null).statusCode()));
            }
            for (var status : statuses) {
                if (status.get(60, TimeUnit.SECONDS) != 200) {
                    throw new IOException("A tag page answered " + status.get());
                }
            }
        } finally {
            viewers.shutdownNow();
        }
        print("repository_page_big_walk_pages", pages.size());
        print("repository_page_big_walk_seconds", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The explore page a Next link leads to from {@code repository}: the links carry a repository's place in the
     * order, its push time and name, which the REST API tells.
     */
    private String exploreAfter(String repository) throws IOException, InterruptedException {
        Matcher pushedAt = LAST_PUSHED_AT.matcher(get(index + "/api/repositories/" + repository, null).body());
        if (!pushedAt.find()) {
            throw new IOException("The index does not tell when " + repository + " was pushed");
        }
        return index + "/explore?after=" + URLEncoder.encode(pushedAt.group(1) + "~" + repository,
                StandardCharsets.UTF_8);
    }

    /**
     * {@code url} with a parameter of its own, which the index ignores: no two random requests share an address, so
     * none is answered from the pages the index keeps for anonymous visitors (their cost is what is measured).
     */
    private String missed(String url) {
        return url + "&miss=" + misses.incrementAndGet();
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    /**
     * {@code clients} threads GET {@code url} for {@code seconds} (after one unrecorded second), each request
     * timed: {@code name}_rps, _p50_ms, _p99_ms, _kib (mean response size) and _errors.
     */
    private void measure(String name, int clients, int seconds, Supplier<String> url, Supplier<String> authorization)
            throws Exception {
        String header = authorization.get();
        run(clients, 1, url, header, null);
        List<long[]> perClient = new ArrayList<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        run(clients, seconds, url, header, (latencies, size, ok) -> {
            synchronized (perClient) {
                perClient.add(latencies);
            }
            bytes.addAndGet(size);
            errors.addAndGet(ok);
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        print(name + "_rps", all.length / elapsed);
        print(name + "_p50_ms", percentile(all, 0.50) / 1e6);
        print(name + "_p99_ms", percentile(all, 0.99) / 1e6);
        print(name + "_kib", all.length == 0 ? 0 : bytes.get() / 1024.0 / all.length);
        print(name + "_errors", errors.get());
    }

    private interface ClientResult {
        void accept(long[] latencies, long bytes, long errors);
    }

    private void run(int clients, int seconds, Supplier<String> url, String authorization, ClientResult result)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                long bytes = 0;
                long errors = 0;
                // Bounded in time and in count (a million requests a client is far beyond any rate here).
                while (System.nanoTime() < deadline && count < 1_000_000) {
                    long begin = System.nanoTime();
                    HttpResponse<byte[]> response;
                    try {
                        response = http.send(request("GET", url.get(), authorization, null, null),
                                HttpResponse.BodyHandlers.ofByteArray());
                    } catch (HttpTimeoutException unanswered) {
                        response = null;
                    }
                    long took = System.nanoTime() - begin;
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                    // A request unanswered within the timeout counts as an error, with the time it waited.
                    if (response == null || response.statusCode() != 200) {
                        errors++;
                    }
                    bytes += response == null ? 0 : response.body().length;
                }
                if (result != null) {
                    result.accept(Arrays.copyOf(latencies, count), bytes, errors);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            // A client that failed ends the others too, so that the bench ends with its error.
            pool.shutdownNow();
        }
    }

    /**
     * Waits while the pushers speed up: on a registry started moments ago (a reused copy) the JIT compiles for tens of
     * seconds, and a baseline taken then would be too slow. Done when two 5-second rates in a row agree within 10%,
     * or after a minute; returns the seconds waited.
     */
    private static double warmUp(AtomicLong pushes) throws InterruptedException {
        long start = System.nanoTime();
        double previous = -1;
        while (System.nanoTime() - start < 60_000_000_000L) {
            long before = pushes.get();
            Thread.sleep(5000);
            double rate = (pushes.get() - before) / 5.0;
            if (previous > 0 && Math.abs(rate - previous) <= 0.1 * previous) {
                break;
            }
            previous = rate;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** How fast {@code count} grows over the next {@code seconds}, per second. */
    private static double rateOver(AtomicLong count, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long before = count.get();
        Thread.sleep(seconds * 1000L);
        return (count.get() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code pushers} clients push small images to their own repositories: once they are warm, 10 s without GC, then
     * while an online GC pass runs (bounded by {@code maxSeconds}), then 10 s without GC again; gc_seconds and the
     * pushers' rate in each phase. The drop is measured against the mean of the two baselines: the pushers' rate
     * drifts by itself (on a kept copy it kept rising for minutes), and a single baseline before the pass charged that
     * drift to the pass, the more so the longer the pass.
     */
    private void garbageCollectionWhilePushing(int pushers, int maxSeconds) throws Exception {
        AtomicLong pushes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        long hardStop = System.nanoTime() + (maxSeconds + 90) * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(pushers);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < pushers; p++) {
            String repository = namespace + "/gc-pusher-" + p;
            futures.add(pool.submit(() -> {
                String token = token(accessTokenCredentials, List.of(repository), "pull,push");
                long tokenAt = System.nanoTime();
                for (int i = 0; !stop.get() && System.nanoTime() < hardStop; i++) {
                    if (System.nanoTime() - tokenAt > 120_000_000_000L) {
                        token = token(accessTokenCredentials, List.of(repository), "pull,push");
                        tokenAt = System.nanoTime();
                    }
                    try {
                        pushImage(repository, "p" + i, token);
                        pushes.incrementAndGet();
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        print("gc_warmup_seconds", warmUp(pushes));
        double beforeRate = rateOver(pushes, 10);
        // GC passes back to back for at least 10 s (a pass over small content is far shorter), so that the pushers'
        // rate during them is measured over as long a time as the baseline's.
        String admin = bearer(tokenFor(passwordCredentials, "registry:catalog:*"));
        long gcStart = System.nanoTime();
        long atGcStart = pushes.get();
        HttpResponse<String> gc = null;
        double firstPassSeconds = 0;
        int passes = 0;
        while (passes == 0 || (gc.statusCode() == 200 && System.nanoTime() - gcStart < 10_000_000_000L)) {
            long passStart = System.nanoTime();
            gc = http.send(HttpRequest.newBuilder(URI.create(registry + "/admin/gc"))
                            .timeout(Duration.ofSeconds(maxSeconds))
                            .header("Authorization", admin)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (passes++ == 0) {
                firstPassSeconds = (System.nanoTime() - passStart) / 1e9;
            }
        }
        double gcSeconds = (System.nanoTime() - gcStart) / 1e9;
        double duringRate = (pushes.get() - atGcStart) / gcSeconds;
        double afterRate = rateOver(pushes, 10);
        double baselineRate = (beforeRate + afterRate) / 2;
        stop.set(true);
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        print("gc_status", gc.statusCode());
        print("gc_seconds", firstPassSeconds);
        print("gc_passes", passes);
        print("gc_pushes_per_s_before", beforeRate);
        print("gc_pushes_per_s_during", duringRate);
        print("gc_pushes_per_s_after", afterRate);
        print("gc_pushers_drop_percent", baselineRate == 0 ? 0 : 100 * (1 - duringRate / baselineRate));
        print("gc_pusher_errors", errors.get());
        if (gc.statusCode() != 200) {
            System.err.println("scale: GC answered " + gc.statusCode() + ": " + gc.body());
        }
    }

    // ---- HTTP ----

    private String token(String credentials, List<String> repositories, String actions) {
        StringBuilder scopes = new StringBuilder();
        for (String repository : repositories) {
            scopes.append("&scope=").append(URLEncoder.encode("repository:" + repository + ":" + actions,
                    StandardCharsets.UTF_8));
        }
        return tokenQuery(credentials, scopes.toString());
    }

    private String tokenFor(String credentials, String scope) {
        return tokenQuery(credentials, "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }

    private String tokenQuery(String credentials, String scopes) {
        try {
            HttpResponse<String> response = get(index + "/v2/token?service=wharf-registry" + scopes, credentials);
            Matcher matcher = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("token service answered " + response.statusCode() + ": "
                        + response.body());
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url, String credentials) throws IOException, InterruptedException {
        return http.send(request("GET", url, credentials == null ? null : "Basic " + credentials, null, null),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(String method, String url, String token, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, url, bearer(token), contentType, body),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpRequest request(String method, String url, String authorization, String contentType,
            byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.build();
    }

    private String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    private static String basic(String user, String secret) {
        return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static void print(String metric, double value) {
        System.out.println("scale." + metric + "=" + (value == Math.rint(value) ? String.valueOf((long) value)
                : String.format("%.2f", value)));
    }
}
