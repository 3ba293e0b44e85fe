package io.wharf.registry.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;

/**
 * The real Docker engine, driven through the docker CLI: one per JVM, shared by every test, because starting a
 * daemon with the vfs storage driver takes seconds and each image costs a full copy per layer.
 * <p>
 * If a daemon already answers {@code docker info}, that one is used. Otherwise (CI) a private {@code dockerd} is
 * started as root with everything under a temp folder, no iptables and no bridge network, and stopped by a JVM
 * shutdown hook. Either way the CLI gets its own {@code DOCKER_CONFIG}, so {@link #login} never touches the user's
 * credentials. The engine treats 127.0.0.0/8 registries as insecure, so it talks plain HTTP to the test registry.
 * The CLI (28) negotiates down to the API of Debian's older daemon (20.10: API 1.41) by itself.
 */
public final class DockerEngine {

    private static final Duration DAEMON_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DAEMON_STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 40;
    private static final String BUSYBOX = "busybox";

    private static DockerEngine shared;

    private final ExternalTool docker;

    private DockerEngine(ExternalTool docker) {
        this.docker = docker;
    }

    /** The JVM's engine, connected or started on first use; fails or aborts the test if there can be none. */
    public static synchronized DockerEngine shared() {
        if (shared == null) {
            shared = connectOrStart();
        }
        return shared;
    }

    /**
     * Builds an image {@code FROM scratch} with two layers: the static busybox binary as {@code /bin/busybox}, and a
     * small random file so that every build is new to the registry. Returns the image id.
     */
    public String buildBusyboxImage(String tag) {
        Path busybox = ExternalTool.requireTool(BUSYBOX);
        Path context = createTempDirectory("wharf-docker-build-");
        try {
            Files.copy(busybox, context.resolve(BUSYBOX));
            byte[] random = new byte[4096];
            ThreadLocalRandom.current().nextBytes(random);
            Files.write(context.resolve("random.bin"), random);
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    COPY busybox /bin/busybox
                    COPY random.bin /random.bin
                    """);
            docker.run(COMMAND_TIMEOUT, "build", "--tag", tag, context.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(context);
        }
        return imageId(tag);
    }

    public void push(String reference) {
        docker.run(COMMAND_TIMEOUT, "push", reference);
    }

    public void pull(String reference) {
        docker.run(COMMAND_TIMEOUT, "pull", reference);
    }

    /** A push that may be refused: the caller checks the result (for permission tests). */
    public ExternalTool.Result attemptPush(String reference) {
        return docker.attempt(COMMAND_TIMEOUT, "push", reference);
    }

    /** A pull that may be refused: the caller checks the result (for permission tests). */
    public ExternalTool.Result attemptPull(String reference) {
        return docker.attempt(COMMAND_TIMEOUT, "pull", reference);
    }

    /** {@code docker search} output, one {@code name<TAB>description<TAB>stars} line per result. */
    public String search(String term, int limit) {
        return docker.run(COMMAND_TIMEOUT, "search", "--no-trunc", "--limit", Integer.toString(limit),
                "--format", "{{.Name}}\t{{.Description}}\t{{.StarCount}}", term);
    }

    /** {@code docker search} as people read it: the table with its OFFICIAL column ({@code [OK]}). */
    public String searchTable(String term) {
        return docker.run(COMMAND_TIMEOUT, "search", "--no-trunc", term);
    }

    public void tag(String source, String target) {
        docker.run(COMMAND_TIMEOUT, "tag", source, target);
    }

    /** Removes the tags, and the images they were the last tag of. */
    public void rmi(String... references) {
        docker.run(COMMAND_TIMEOUT, Stream.concat(Stream.of("rmi"), Stream.of(references)).toArray(String[]::new));
    }

    public boolean hasImage(String reference) {
        return docker.attempt(COMMAND_TIMEOUT, "image", "inspect", reference).succeeded();
    }

    /** The image id ({@code sha256:} digest of the image config) that {@code reference} names locally. */
    public String imageId(String reference) {
        return docker.run(COMMAND_TIMEOUT, "image", "inspect", "--format", "{{.Id}}", reference).strip();
    }

    public void login(String registry, String user, String password) {
        docker.runWithInput(password, COMMAND_TIMEOUT, "login", "--username", user, "--password-stdin", registry);
    }

    /** A login that may be refused: the caller checks the result and what the engine printed. */
    public ExternalTool.Result attemptLogin(String registry, String user, String password) {
        return docker.attemptWithInput(password, COMMAND_TIMEOUT,
                "login", "--username", user, "--password-stdin", registry);
    }

    /**
     * The same engine, with the CLI keeping its logins in {@code directory} (its {@code config.json}): for tests of
     * what other clients on the machine make of them.
     */
    public DockerEngine withConfigDirectory(Path directory) {
        return new DockerEngine(docker.withEnvironment(Map.of("DOCKER_CONFIG", directory.toString())));
    }

    public void logout(String registry) {
        docker.run(COMMAND_TIMEOUT, "logout", registry);
    }

    /**
     * Runs {@code command} in a throw-away container of {@code image} and returns its standard output. Containers
     * get no network: the private daemon runs with {@code --bridge=none}.
     */
    public String run(String image, String... command) {
        return docker.run(COMMAND_TIMEOUT, Stream.concat(Stream.of("run", "--rm", "--network", "none", image),
                Stream.of(command)).toArray(String[]::new));
    }

    /**
     * A private engine of its own, whatever daemon answers already, whose daemon has {@code mirrorUrl} as its registry
     * mirror ({@code registry-mirrors}): it pulls Docker Hub names ({@code alpine}) through that registry. Stopped
     * when the JVM exits; start one per test class at most.
     */
    public static DockerEngine startWithRegistryMirror(String mirrorUrl) {
        Path workDirectory = createTempDirectory("wharf-docker-mirror-");
        return startPrivateDaemon(cli(workDirectory), workDirectory, "--registry-mirror", mirrorUrl);
    }

    private static DockerEngine connectOrStart() {
        Path workDirectory = createTempDirectory("wharf-docker-");
        ExternalTool cli = cli(workDirectory);
        if (cli.attempt(PROBE_TIMEOUT, "info").succeeded()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(workDirectory)));
            return new DockerEngine(cli);
        }
        return startPrivateDaemon(cli, workDirectory);
    }

    private static ExternalTool cli(Path workDirectory) {
        return ExternalTool.require("docker").withEnvironment(Map.of(
                "DOCKER_CONFIG", mkdir(workDirectory, "cli-config"),
                // The daemon (Debian docker.io 20.10) has no BuildKit; the classic builder is all it offers.
                "DOCKER_BUILDKIT", "0"));
    }

    private static DockerEngine startPrivateDaemon(ExternalTool cli, Path workDirectory, String... daemonOptions) {
        ExternalTool dockerd = ExternalTool.require("dockerd");
        ExternalTool.requireRoot("starting dockerd (no Docker daemon answers `docker info`)");
        Path socket = workDirectory.resolve("docker.sock");
        Path log = workDirectory.resolve("dockerd.log");
        List<String> options = new ArrayList<>(List.of(
                "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=vfs",
                "--data-root", mkdir(workDirectory, "data"),
                "--exec-root", mkdir(workDirectory, "exec"),
                "--pidfile", workDirectory.resolve("dockerd.pid").toString(),
                "-H", "unix://" + socket));
        options.addAll(List.of(daemonOptions));
        Process daemon = dockerd.start(log, options.toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon, workDirectory)));
        ExternalTool privateCli = cli.withEnvironment(Map.of("DOCKER_HOST", "unix://" + socket));
        awaitDaemon(privateCli, daemon, log);
        return new DockerEngine(privateCli);
    }

    private static void awaitDaemon(ExternalTool cli, Process daemon, Path log) {
        Instant deadline = Instant.now().plus(DAEMON_START_TIMEOUT);
        while (!cli.attempt(PROBE_TIMEOUT, "info").succeeded()) {
            if (!daemon.isAlive()) {
                Assertions.fail("dockerd exited with " + daemon.exitValue() + ":\n" + tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                Assertions.fail("dockerd did not answer `docker info` within " + DAEMON_START_TIMEOUT.toSeconds()
                        + " s:\n" + tail(log));
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** SIGTERM (dockerd then stops its containerd), and SIGKILL if that takes too long. */
    private static void stop(Process daemon, Path workDirectory) {
        try {
            daemon.destroy();
            if (!daemon.waitFor(DAEMON_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly().waitFor(DAEMON_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A daemon that is still up (or killed mid-container) may hold mounts under the folder: leave it then.
        if (!daemon.isAlive() && daemon.exitValue() == 0) {
            deleteRecursively(workDirectory);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dockerd", e);
        }
    }

    private static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mkdir(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a leftover temp folder is not worth failing a test for.
        }
    }
}
