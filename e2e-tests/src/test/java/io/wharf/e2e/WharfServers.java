package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.registry.clients.OpenLdapServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The two deployables as a user runs them: the packaged index-app and registry-app jars, each in its own
 * JVM, on free loopback ports, with token authentication on and a fresh data directory. Shared by every
 * test class of the JVM (starting both takes a while) and stopped when the JVM exits, when their data directory
 * (a {@code wharf-e2e-*} folder in the system's temporary directory) is deleted.
 */
public final class WharfServers {

    public static final String ADMIN_USER = "wharfadmin";
    public static final String ADMIN_PASSWORD = "admin-password-e2e";
    /** As ./wharf, the compose file and the images run both apps: on the bean definitions made when they were built. */
    private static final String SPRING_AOT = "-Dspring.aot.enabled=true";
    private static final String EVENTS_SECRET = "e2e-events-secret-" + System.nanoTime();

    /** How long the registry keeps a blob nothing references after its last push. */
    public static final Duration GC_GRACE_PERIOD = Duration.ofSeconds(3);
    /** The repository name (in any namespace) whose tags are immutable. */
    public static final String IMMUTABLE_REPOSITORY = "pinned";
    /** The one namespace with a storage quota. */
    public static final String QUOTA_NAMESPACE = "quotaed";
    public static final long QUOTA_BYTES = 50_000_000;

    /** The index's client at the OpenID Connect provider of OidcSignInTest (see {@link #oidcProviderPort()}). */
    public static final String OIDC_CLIENT_ID = "wharf-index";
    public static final String OIDC_CLIENT_SECRET = "e2e-oidc-client-secret";
    public static final String OIDC_PROVIDER_NAME = "Test provider";

    /**
     * A user of the index's LDAP directory ({@link #directory()}), in its group {@link #DIRECTORY_GROUP}, who has no
     * account until their first sign-in.
     */
    public static final String DIRECTORY_USER = "ldapdocker";
    public static final String DIRECTORY_PASSWORD = "directory-password-e2e";
    public static final String DIRECTORY_GROUP = "cn=pushers,ou=groups," + OpenLdapServer.SUFFIX;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static WharfServers shared;

    private final Path dataDir;
    private final int indexPort;
    private final int registryPort;
    private final int indexManagementPort;
    private final int registryManagementPort;
    private final int mailPort;
    private final int oidcProviderPort;
    private final List<Process> processes = new ArrayList<>();
    private Process index;
    private Process registry;
    private Optional<OpenLdapServer> directory = Optional.empty();

    private WharfServers(Path dataDir) {
        this.dataDir = dataDir;
        this.indexPort = freePort();
        this.registryPort = freePort();
        this.indexManagementPort = freePort();
        this.registryManagementPort = freePort();
        this.mailPort = freePort();
        this.oidcProviderPort = freePort();
    }

    public static synchronized WharfServers shared() {
        if (shared == null) {
            try {
                shared = new WharfServers(Files.createTempDirectory("wharf-e2e-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "wharf-e2e-stop"));
            shared.start();
        }
        return shared;
    }

    public String indexUrl() {
        return "http://127.0.0.1:" + indexPort;
    }

    public int indexPort() {
        return indexPort;
    }

    public int registryPort() {
        return registryPort;
    }

    /** Where the index's actuator (metrics, info, health) listens, on loopback. */
    public String indexManagementUrl() {
        return "http://127.0.0.1:" + indexManagementPort;
    }

    /** Where the registry's actuator (metrics, info, health) listens, on loopback. */
    public String registryManagementUrl() {
        return "http://127.0.0.1:" + registryManagementPort;
    }

    /**
     * The loopback SMTP port the index sends its mails to (confirmations, password resets); a test that reads
     * them runs a mail server there (GreenMail). With none listening, the index logs that the mail failed.
     */
    public int mailPort() {
        return mailPort;
    }

    /**
     * The loopback port of the OpenID Connect provider the index signs in with (issuer
     * {@code http://127.0.0.1:<port>}). The index starts before anything listens there, as with a provider that is
     * down; OidcSignInTest runs the provider on it.
     */
    public int oidcProviderPort() {
        return oidcProviderPort;
    }

    /** The registry as docker and skopeo name it: {@code 127.0.0.1:<port>}. */
    public String registryHost() {
        return "127.0.0.1:" + registryPort;
    }

    /**
     * The OpenLDAP directory the index signs users in with, when slapd is installed (a test that needs it asks
     * {@link io.wharf.registry.clients.ExternalTool#unavailable} otherwise).
     */
    public Optional<OpenLdapServer> directory() {
        return directory;
    }

    private void start() {
        if (OpenLdapServer.installed()) {
            directory = Optional.of(OpenLdapServer.start("""
                    dn: ou=people,%1$s
                    objectClass: organizationalUnit
                    ou: people

                    dn: ou=groups,%1$s
                    objectClass: organizationalUnit
                    ou: groups

                    dn: uid=%2$s,ou=people,%1$s
                    objectClass: inetOrgPerson
                    uid: %2$s
                    cn: Directory User
                    sn: User
                    mail: %2$s@directory.example.org
                    userPassword: %3$s

                    dn: %4$s
                    objectClass: groupOfNames
                    cn: pushers
                    member: uid=%2$s,ou=people,%1$s
                    """.formatted(OpenLdapServer.SUFFIX, DIRECTORY_USER, DIRECTORY_PASSWORD, DIRECTORY_GROUP)));
        }
        index = startIndex();
        registry = startRegistry();
    }

    private Process startRegistry() {
        Process started = launch("registry", System.getProperty("wharf.registry.jar"), registryPort,
                registryManagementPort, Map.of(
                        "WHARF_EVENTS_SECRET", EVENTS_SECRET,
                        "WHARF_EVENTS_URL", indexUrl() + "/api/events",
                        "WHARF_INDEX_PORT", Integer.toString(indexPort)),
                "--wharf.registry.auth.enabled=true",
                "--wharf.registry.auth.realm=" + indexUrl() + "/v2/token",
                "--wharf.registry.auth.jwks-uri=" + indexUrl() + "/.well-known/jwks.json",
                // Garbage collection only when a test asks (RegistryAdministrationPagesTest), with a grace period a
                // test can wait out; longer than any push of these tests takes from its first blob to its manifest.
                "--wharf.registry.gc.scheduled=false",
                "--wharf.registry.gc.grace-period=" + GC_GRACE_PERIOD.toSeconds() + "s",
                "--wharf.registry.quotas." + QUOTA_NAMESPACE + "=" + QUOTA_BYTES + "B",
                "--wharf.registry.immutable-tags[0].repository-pattern=*/" + IMMUTABLE_REPOSITORY,
                "--wharf.registry.immutable-tags[0].tag-pattern=*",
                // Pull-through caches over their size limit evict within a second what was not pulled for a second
                // (PullThroughCachesWithDockerTest), not after minutes.
                "--wharf.registry.proxy.in-use=1s",
                "--wharf.registry.proxy.eviction-interval=1s");
        processes.add(started);
        awaitAnswer("registry", "http://" + registryHost() + "/v2/", status -> status == 401);
        assertStartedOnBuildTimeDefinitions("registry");
        return started;
    }

    private Process startIndex() {
        List<String> arguments = new ArrayList<>(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mailPort,
                // WebhooksTest's receivers listen on 127.0.0.1; its retries come within seconds, and a delivery a
                // killed index had claimed goes again after a short lease (more than connect plus read timeout).
                "--wharf.index.webhooks.allow-private-targets=true",
                "--wharf.index.webhooks.lease=20s",
                "--wharf.index.webhooks.first-retry=200ms",
                "--wharf.index.webhooks.max-retry=1s",
                "--wharf.index.webhooks.poll-interval=200ms",
                "--wharf.index.oidc.issuer-uri=http://127.0.0.1:" + oidcProviderPort,
                "--wharf.index.oidc.client-id=" + OIDC_CLIENT_ID,
                "--wharf.index.oidc.client-secret=" + OIDC_CLIENT_SECRET,
                "--wharf.index.oidc.display-name=" + OIDC_PROVIDER_NAME));
        directory.ifPresent(ldap -> arguments.addAll(List.of(
                "--wharf.index.ldap.enabled=true",
                "--wharf.index.ldap.url=" + ldap.url(),
                "--wharf.index.ldap.base-dn=" + OpenLdapServer.SUFFIX,
                "--wharf.index.ldap.bind-dn=" + OpenLdapServer.ROOT_DN,
                "--wharf.index.ldap.bind-password=" + OpenLdapServer.ROOT_PASSWORD)));
        Process started = launch("index", System.getProperty("wharf.index.jar"), indexPort, indexManagementPort, Map.of(
                "WHARF_ADMIN_USER", ADMIN_USER,
                "WHARF_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "WHARF_EVENTS_SECRET", EVENTS_SECRET,
                "WHARF_REGISTRY_URL", "http://" + registryHost()),
                arguments.toArray(String[]::new));
        processes.add(started);
        awaitAnswer("index", indexUrl() + "/.well-known/jwks.json", status -> status == 200);
        assertStartedOnBuildTimeDefinitions("index");
        return started;
    }

    /**
     * Stops the index (SIGTERM) while the registry keeps running, so tests can see what happens to what the
     * registry tells the index meanwhile; tokens already issued stay valid until they expire.
     */
    public synchronized void stopIndex() {
        stop(index);
        processes.remove(index);
    }

    /** Kills the index (SIGKILL): nothing it held in memory survives, only what it committed. */
    public synchronized void killIndex() {
        kill(index);
    }

    public synchronized void restartIndex() {
        index = startIndex();
    }

    /** Kills the registry (SIGKILL): nothing it held in memory survives, only what it committed. */
    public synchronized void killRegistry() {
        kill(registry);
    }

    /** Starts the registry again, on the same ports, data and arguments. */
    public synchronized void restartRegistry() {
        registry = startRegistry();
    }

    private void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processes.remove(process);
    }

    private Process launch(String name, String jar, int port, int managementPort, Map<String, String> environment,
            String... arguments) {
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("the " + name + " jar is missing (" + jar + "): run the tests through Maven from the top, "
                    + "which packages both apps first");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", SPRING_AOT, "-jar", jar,
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--wharf.data-dir=" + dataDir));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(name).toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private void awaitAnswer(String name, String url, IntPredicate ready) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ready.test(status)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (processes.stream().anyMatch(process -> !process.isAlive())) {
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        fail(name + " did not answer at " + url + "; its log ends with:\n" + tail(logOf(name)));
    }

    /** Stops both servers, then deletes their data directory and logs (the JVM is exiting: nobody reads them). */
    private void stop() {
        processes.forEach(WharfServers::stop);
        directory.ifPresent(OpenLdapServer::close);
        Folders.deleteRecursively(dataDir);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                // and wait, briefly, so that it no longer writes into the data directory about to be deleted
                process.destroyForcibly().waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Both servers' data directory; the registry's filesystem storage is under {@code registry/storage}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Spring Boot says so at start when an app runs on the definitions Spring AOT generated. */
    private void assertStartedOnBuildTimeDefinitions(String name) {
        try {
            assertThat(Files.readString(logOf(name))).as("the %s's log", name).contains("Starting AOT-processed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logOf(String name) {
        return dataDir.resolve(name + ".log");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A port free on the loopback address right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
