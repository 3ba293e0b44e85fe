package io.wharf.registry.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A private OpenLDAP server for tests that sign in against a real directory: Debian's {@code slapd}, run as the
 * current user on 127.0.0.1 and a free port, with its own {@code slapd.conf} and mdb database in a temporary folder,
 * loaded by {@code slapadd} before it starts (no system service, no cn=config). The suffix is {@link #SUFFIX}, whose
 * root entry the server adds; {@link #ROOT_DN} may change anything. Without {@code slapd} and {@code ldap-utils} a test
 * fails when {@code CI=true} and is skipped elsewhere ({@link ExternalTool}).
 */
public final class OpenLdapServer implements AutoCloseable {

    public static final String SUFFIX = "dc=example,dc=org";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;
    public static final String ROOT_PASSWORD = "directory-root-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SCHEMAS = "/etc/ldap/schema/";

    private final Path folder;
    private final Process process;
    private final int port;

    private OpenLdapServer(Path folder, Process process, int port) {
        this.folder = folder;
        this.process = process;
        this.port = port;
    }

    /** Whether slapd and the ldap-utils this server needs are installed. */
    public static boolean installed() {
        return ExternalTool.isInstalled("slapd") && ExternalTool.isInstalled("slapadd")
                && ExternalTool.isInstalled("ldapmodify");
    }

    /** Starts a server holding the suffix's root entry and {@code entries} (LDIF, entries below {@link #SUFFIX}). */
    public static OpenLdapServer start(String entries) {
        ExternalTool slapd = ExternalTool.require("slapd");
        ExternalTool slapadd = ExternalTool.require("slapadd");
        ExternalTool.require("ldapmodify");
        try {
            Path folder = Files.createTempDirectory("openldap-");
            Files.createDirectories(folder.resolve("data"));
            Path config = Files.writeString(folder.resolve("slapd.conf"), config(folder));
            Path ldif = Files.writeString(folder.resolve("entries.ldif"), """
                    dn: %s
                    objectClass: dcObject
                    objectClass: organization
                    dc: example
                    o: Example

                    %s""".formatted(SUFFIX, entries));
            slapadd.run(TOOL_TIMEOUT, "-f", config.toString(), "-l", ldif.toString());
            int port = freePort();
            Process process = slapd.start(folder.resolve("slapd.log"),
                    "-f", config.toString(), "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0");
            OpenLdapServer server = new OpenLdapServer(folder, process, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path folder) {
        return """
                include %1$score.schema
                include %1$scosine.schema
                include %1$sinetorgperson.schema
                include %1$snis.schema
                pidfile %2$s/slapd.pid
                modulepath /usr/lib/ldap
                moduleload back_mdb
                database mdb
                maxsize 16777216
                suffix "%3$s"
                rootdn "%4$s"
                rootpw %5$s
                directory %2$s/data
                index objectClass,uid,member eq
                """.formatted(SCHEMAS, folder, SUFFIX, ROOT_DN, ROOT_PASSWORD);
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    /** Applies an LDIF of changes ({@code changetype: modify}, ...) as the root DN, with {@code ldapmodify}. */
    public void modify(String changes) {
        ExternalTool.require("ldapmodify").runWithInput(changes, TOOL_TIMEOUT,
                "-x", "-H", url(), "-D", ROOT_DN, "-w", ROOT_PASSWORD);
    }

    /** Freezes the server (SIGSTOP): it still accepts connections but answers nothing, as a hung directory would. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause paused} server answer again (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        ExternalTool.require("kill").run(TOOL_TIMEOUT, signal, Long.toString(process.pid()));
    }

    @Override
    public void close() {
        resume();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary folder is not worth failing a test for.
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Assertions.fail("slapd exited with " + process.exitValue() + ":\n" + Files.readString(folder.resolve("slapd.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(50));
            }
        }
        process.destroyForcibly();
        Assertions.fail("slapd did not listen on " + url() + " within " + START_TIMEOUT.toSeconds() + " s:\n"
                + Files.readString(folder.resolve("slapd.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
