package io.wharf.registry.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the client tests drive (docker, dockerd, skopeo, ...): runs it with a timeout, captures its
 * output and fails with that output when it exits non-zero.
 * <p>
 * A missing tool fails the test when {@code CI=true} (CI installs every tool, so a missing one is a broken setup)
 * and aborts (skips) it elsewhere, so a developer without the tools can still run the rest of the suite.
 */
public final class ExternalTool {

    /** Where Debian puts daemons such as dockerd; a non-login PATH often lacks them. */
    private static final List<Path> SYSTEM_BIN_DIRECTORIES =
            List.of(Path.of("/usr/local/sbin"), Path.of("/usr/sbin"), Path.of("/sbin"));

    private static final Duration GRACE_AFTER_KILL = Duration.ofSeconds(10);

    private final Path executable;
    private final Map<String, String> environment;

    private ExternalTool(Path executable, Map<String, String> environment) {
        this.executable = executable;
        this.environment = Map.copyOf(environment);
    }

    /** The tool named {@code name}, or a failed/aborted test if it is not installed. */
    public static ExternalTool require(String name) {
        return new ExternalTool(requireTool(name), Map.of());
    }

    /** The executable named {@code name} on the PATH or in the sbin folders, or a failed/aborted test. */
    public static Path requireTool(String name) {
        return findExecutable(name).orElseGet(() -> unavailable(
                name + " is not installed; the client tests need the Debian packages listed in README.md"));
    }

    /** Whether an executable named {@code name} is on the PATH or in the sbin folders. */
    public static boolean isInstalled(String name) {
        return findExecutable(name).isPresent();
    }

    /** Fails or aborts the test, per the CI rule, unless the JVM runs as root. */
    public static void requireRoot(String purpose) {
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable(purpose + " needs root");
        }
    }

    /** Fails the test when {@code CI=true}, aborts (skips) it otherwise; never returns normally. */
    public static <T> T unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return Assertions.fail(reason + " (CI=true: a missing tool fails the build)");
        }
        return Assumptions.abort(reason);
    }

    /** The same tool, run with {@code variables} added to its environment. */
    public ExternalTool withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new ExternalTool(executable, merged);
    }

    /** Runs the tool and returns its standard output; fails the test with all output on a non-zero exit. */
    public String run(Duration timeout, String... arguments) {
        return runWithInput(null, timeout, arguments);
    }

    /** Like {@link #run} with {@code input} written to the tool's standard input (e.g. a password). */
    public String runWithInput(String input, Duration timeout, String... arguments) {
        Result result = attempt(input, timeout, arguments);
        if (!result.succeeded()) {
            Assertions.fail(result.describe());
        }
        return result.stdout();
    }

    /** Runs the tool and returns whatever it did, exit code included; only a timeout fails the test. */
    public Result attempt(Duration timeout, String... arguments) {
        return attempt(null, timeout, arguments);
    }

    /** Like {@link #attempt(Duration, String...)} with {@code input} written to the tool's standard input. */
    public Result attemptWithInput(String input, Duration timeout, String... arguments) {
        return attempt(input, timeout, arguments);
    }

    /** Starts a long-running process (a daemon) with its output appended to {@code log}; the caller stops it. */
    public Process start(Path log, String... arguments) {
        ProcessBuilder builder = processBuilder(arguments)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + builder.command(), e);
        }
    }

    private Result attempt(String input, Duration timeout, String... arguments) {
        ProcessBuilder builder = processBuilder(arguments);
        Path stdout = createTempFile("stdout");
        Path stderr = createTempFile("stderr");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            // Always close stdin: a tool that waits for input must see end-of-file, not hang.
            try (OutputStream toProcess = process.getOutputStream()) {
                if (input != null) {
                    toProcess.write(input.getBytes(UTF_8));
                }
            }
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                kill(process);
            }
            Result result = new Result(builder.command(), exited ? process.exitValue() : -1,
                    readOutput(stdout), readOutput(stderr));
            if (!exited) {
                Assertions.fail("timed out after " + timeout.toSeconds() + " s: " + result.describe());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + builder.command(), e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private ProcessBuilder processBuilder(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(GRACE_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Optional<Path> findExecutable(String name) {
        Stream<Path> pathDirectories = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of);
        return Stream.concat(pathDirectories, SYSTEM_BIN_DIRECTORIES.stream())
                .map(directory -> directory.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path createTempFile(String purpose) {
        try {
            return Files.createTempFile("external-tool-", "." + purpose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readOutput(Path file) throws IOException {
        // new String(...) replaces malformed bytes instead of throwing like Files.readString would.
        return new String(Files.readAllBytes(file), UTF_8);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temp file is not worth failing a test for.
        }
    }

    /** What one run of a tool did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        public String describe() {
            return String.join(" ", command) + " exited with " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
