package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.storage.StoragePaths;
import io.wharf.storage.s3.S3Driver;
import io.wharf.storage.s3.S3Settings;
import io.wharf.storage.s3.S3TestServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a newcomer runs it: {@code ./wharf up -d} on an empty data directory starts both apps and returns
 * once they answer, and {@code ./wharf down} stops them. While they start it lowers priorities where it may give them
 * back (the index at nice 5 until the registry answers, the registry's optimizing compiler at nice 19 until both do);
 * once up, no thread of either app may be left below normal priority, or the registry would warm up slowly under load.
 * Without the class cache (that is bench/start's subject), so that no training run lengthens the test, except where
 * the training runs themselves are the subject.
 */
class LauncherTest {

    private static final Duration UP_LIMIT = Duration.ofSeconds(180);
    /** Two training runs (each up to 120 s to answer and 240 s to stop) and the start. */
    private static final Duration TRAINED_UP_LIMIT = Duration.ofSeconds(600);
    private static final Duration DOWN_LIMIT = Duration.ofSeconds(120);
    private static final Duration SAMPLE_PAUSE = Duration.ofMillis(20);

    @TempDir
    Path dataDir;

    private final Path root = Path.of(System.getProperty("wharf.project.root"));
    private final int registryPort = WharfServers.freePort();
    private final int indexPort = WharfServers.freePort();

    @AfterEach
    void down() throws IOException, InterruptedException {
        Process down = launcher("down").start();
        if (!down.waitFor(DOWN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            down.destroyForcibly();
        }
    }

    @Test
    void upStartsBothAppsAndGivesTheStartUpPrioritiesBack() throws Exception {
        Path output = dataDir.resolve("launcher.out");
        Process up = launcher("up", "-d").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean indexSeenLowered = false;
        Instant deadline = Instant.now().plus(UP_LIMIT);
        while (up.isAlive() && Instant.now().isBefore(deadline)) {
            indexSeenLowered |= pidOf("index").map(LauncherTest::highestNiceValue).orElse(0) > 0;
            Thread.sleep(SAMPLE_PAUSE.toMillis());
        }
        assertThat(up.waitFor(1, TimeUnit.SECONDS)).as("./wharf up -d returned within %s", UP_LIMIT).isTrue();
        assertThat(up.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("Wharf is up.");

        assertThat(status("http://127.0.0.1:" + registryPort + "/v2/")).isEqualTo(401);
        assertThat(status("http://127.0.0.1:" + indexPort + "/login")).isEqualTo(200);
        for (String app : List.of("registry", "index")) {
            assertThat(pidOf(app).map(LauncherTest::highestNiceValue)).as("the most lowered thread of %s", app)
                    .contains(0);
        }
        if (mayRaisePriorities()) {
            assertThat(indexSeenLowered).as("the index ran at a lower priority while the registry started").isTrue();
        }

        Process down = launcher("down").start();
        assertThat(down.waitFor(DOWN_LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(dataDir.resolve("run/registry.pid")).doesNotExist();
        assertThat(dataDir.resolve("run/index.pid")).doesNotExist();
    }

    /**
     * On S3 the registry gets a larger heap (each upload in progress collects a part on it). And with the class cache
     * on, the first start after a build trains each app on a throwaway data directory: those training runs must not
     * see the installation's settings, or the registry's training would push its blobs into the installation's bucket
     * (and an index trained on the installation's database would leave its own administrator there).
     */
    @Test
    void onS3TheRegistryGetsItsHeapAndTrainingRunsLeaveTheBucketAlone() throws Exception {
        Path spool = dataDir.resolve("parts");
        try (S3TestServer s3 = S3TestServer.start();
                S3Driver bucket = new S3Driver(s3.settings("", false, S3Settings.MIN_PART_SIZE, spool))) {
            // stale caches, so that this start trains both apps (the launcher keeps each beside its jar)
            for (String jar : List.of("wharf.registry.jar", "wharf.index.jar")) {
                Files.deleteIfExists(Path.of(System.getProperty(jar)).resolveSibling("jvm-cache/stamp"));
            }
            ProcessBuilder up = launcher("up", "-d");
            up.environment().putAll(Map.of(
                    "WHARF_JVM_CACHE", "on",
                    "WHARF_STORAGE_DRIVER", "s3",
                    "WHARF_S3_BUCKET", S3TestServer.BUCKET,
                    "WHARF_S3_ENDPOINT", s3.endpoint().toString(),
                    "WHARF_S3_PATH_STYLE", "true",
                    "WHARF_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY,
                    "WHARF_S3_SECRET_KEY", S3TestServer.SECRET_KEY));
            Path output = dataDir.resolve("launcher.out");
            Process started = up.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(started.waitFor(TRAINED_UP_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("./wharf up -d returned within %s", TRAINED_UP_LIMIT).isTrue();
            assertThat(started.exitValue()).as(Files.readString(output)).isZero();
            assertThat(Files.readString(output)).contains("making registry's class cache with a training run",
                    "making index's class cache with a training run", "Wharf is up.");

            assertThat(status("http://127.0.0.1:" + registryPort + "/v2/")).isEqualTo(401);
            assertThat(lastHeapOption(pidOf("registry").orElseThrow())).isEqualTo("-Xmx256m");
            assertThat(bucket.list(StoragePaths.ROOT)).as("what the training registry pushed stayed in its own folder")
                    .isEmpty();
        }
    }

    private static String lastHeapOption(long pid) throws IOException {
        String[] arguments = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\u0000");
        return Stream.of(arguments).filter(argument -> argument.startsWith("-Xmx")).reduce((first, last) -> last)
                .orElseThrow();
    }

    private ProcessBuilder launcher(String... arguments) {
        List<String> command = new ArrayList<>(List.of(root.resolve("wharf").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(Map.of(
                "WHARF_DATA_DIR", dataDir.toString(),
                "WHARF_REGISTRY_PORT", Integer.toString(registryPort),
                "WHARF_INDEX_PORT", Integer.toString(indexPort),
                "WHARF_REGISTRY_MANAGEMENT_PORT", Integer.toString(WharfServers.freePort()),
                "WHARF_INDEX_MANAGEMENT_PORT", Integer.toString(WharfServers.freePort()),
                "WHARF_ADMIN_USER", "launcher",
                "WHARF_ADMIN_PASSWORD", "launcher-test-password",
                "WHARF_JVM_CACHE", "off"));
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    private Optional<Long> pidOf(String app) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dataDir.resolve("run/" + app + ".pid")).trim()));
        } catch (IOException | NumberFormatException notYet) {
            return Optional.empty();
        }
    }

    /** The largest nice value among the threads of process {@code pid} (0 when it has gone). */
    private static int highestNiceValue(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToInt(LauncherTest::niceValue).max().orElse(0);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static int niceValue(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            // The fields after the thread's name, which may hold spaces and parentheses: the nice value is the 17th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** As the launcher decides: as root, or with a nice limit that lets a process go back to 0. */
    private static boolean mayRaisePriorities() throws IOException, InterruptedException {
        Process limit = new ProcessBuilder("bash", "-c", "[[ $EUID == 0 ]] && echo 20 || ulimit -e").start();
        String value = new String(limit.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        limit.waitFor(10, TimeUnit.SECONDS);
        return value.equals("unlimited") || (value.matches("\\d+") && Integer.parseInt(value) >= 20);
    }

    private static int status(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
