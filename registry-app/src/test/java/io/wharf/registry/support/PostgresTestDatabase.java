package io.wharf.registry.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the machine's PostgreSQL (127.0.0.1:5432) for one test class, owned by a test role with a
 * password. Administration goes through {@code su postgres -c psql} (Debian's peer authentication for the
 * superuser), so it needs root; the registry connects over TCP with the password like in production. A cluster
 * that is installed but stopped is started with {@code pg_ctlcluster}.
 *
 * <p>Without PostgreSQL a test aborts (is skipped) locally, and fails when {@code CI=true}: CI must run it.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String ROLE = "wharf_test";
    private static final String PASSWORD = "wharf-test";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates a database named after {@code hint} plus a random suffix. */
    public static PostgresTestDatabase create(String hint) {
        try {
            ensureServerRunning();
            String name = ("wharf_test_" + hint + "_" + UUID.randomUUID().toString().substring(0, 8))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            // The role is shared by all test databases; (re)setting its password keeps TCP login working.
            psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                    + "CREATE ROLE " + ROLE + " LOGIN; END IF; END $$;\n"
                    + "ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "';\n"
                    + "CREATE DATABASE " + name + " OWNER " + ROLE + ";\n");
            return new PostgresTestDatabase(name);
        } catch (IOException | RuntimeException e) {
            String message = "PostgreSQL is not usable on " + HOST + ":" + PORT + " (install Debian's postgresql and "
                    + "run the tests as root): " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
            throw new AssertionError("unreachable");
        }
    }

    /** The registry's command-line arguments that point its datasource here. */
    public List<String> datasourceArguments() {
        return datasourceProperties().entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toList();
    }

    /** The Spring properties that point a registry's datasource here (for {@code @DynamicPropertySource}). */
    public Map<String, String> datasourceProperties() {
        return Map.of("spring.datasource.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name,
                "spring.datasource.username", ROLE, "spring.datasource.password", PASSWORD);
    }

    @Override
    public void close() throws IOException {
        psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE);\n");
    }

    private static void ensureServerRunning() throws IOException {
        if (accepting()) {
            return;
        }
        // pg_lsclusters: "15 main 5432 down postgres ..."; start every stopped cluster (normally just one).
        for (String line : run(List.of("pg_lsclusters", "--no-header"), null).split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 3 && columns[3].startsWith("down")) {
                run(List.of("pg_ctlcluster", columns[0], columns[1], "start"), null);
            }
        }
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!accepting()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("nothing accepts connections after pg_ctlcluster start");
            }
            sleep(200);
        }
    }

    private static boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void psql(String sql) throws IOException {
        run(List.of("su", "postgres", "-c", "psql -X -q -v ON_ERROR_STOP=1"), sql);
    }

    private static String run(List<String> command, String stdin) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
