package io.wharf.registry.api.support;

import io.wharf.registry.RegistryApplication;
import io.wharf.storage.FileInfo;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import io.wharf.storage.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry on a random loopback port of this JVM, on a fresh data folder. Every protocol test class extends this
 * and adds nothing to the configuration, so all of them share one cached application context; tests stay
 * independent by working in repositories of their own ({@link #newRepository}).
 *
 * <p>The data folder is {@code <sandbox>/data}, where the sandbox is a fresh folder under {@code target/}: anything a
 * request manages to write outside the data folder shows up next to it in the sandbox.
 *
 * <p>With {@code -Dwharf.test.storage=s3} (the pom's {@code s3-protocol-suite} execution) every context stores in
 * one S3Proxy per JVM, below a fresh key prefix, instead of the data folder: the same tests, on the S3 driver.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "wharf.registry.auth.enabled=false"})
public abstract class RegistryApiTest {

    private static final AtomicInteger REPOSITORY_SEQUENCE = new AtomicInteger();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Value("${wharf.data-dir}")
    private Path dataDirectory;

    @Autowired
    private StorageDriver storage;

    protected RegistryClient registry;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) throws IOException {
        // Absolute: H2 refuses a database path that is implicitly relative to the working directory.
        Path sandbox = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()), "sandbox-");
        Path data = sandbox.resolve("data");
        properties.add("wharf.data-dir", data::toString);
        if (onS3()) {
            SharedS3.register(properties);
        }
    }

    /**
     * Points the context at the JVM's S3Proxy under a fresh key prefix, whatever {@code -Dwharf.test.storage} says:
     * for the S3 variant of a test, from its own {@code @DynamicPropertySource}.
     */
    protected static void storeInSharedS3(DynamicPropertyRegistry properties) {
        SharedS3.register(properties);
    }

    /** Whether this run stores in S3 ({@code -Dwharf.test.storage=s3}) rather than on the filesystem. */
    protected static boolean onS3() {
        return "s3".equals(System.getProperty("wharf.test.storage"));
    }

    /** One S3Proxy for the whole JVM (started on first use, stopped at exit): contexts differ by key prefix. */
    private static final class SharedS3 {

        private static final S3TestServer SERVER = start();

        private static S3TestServer start() {
            try {
                S3TestServer server = S3TestServer.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception ignored) {
                        // the JVM is exiting anyway
                    }
                }));
                return server;
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
        }

        static void register(DynamicPropertyRegistry properties) {
            properties.add("wharf.storage.driver", () -> "s3");
            properties.add("wharf.storage.s3.bucket", () -> S3TestServer.BUCKET);
            properties.add("wharf.storage.s3.endpoint", () -> SERVER.endpoint().toString());
            properties.add("wharf.storage.s3.path-style", () -> "true");
            properties.add("wharf.storage.s3.access-key", () -> S3TestServer.ACCESS_KEY);
            properties.add("wharf.storage.s3.secret-key", () -> S3TestServer.SECRET_KEY);
            String prefix = "api-" + UUID.randomUUID();
            properties.add("wharf.storage.s3.prefix", () -> prefix);
            properties.add("wharf.storage.s3.part-size", () -> "5MB");
        }
    }

    @BeforeEach
    void connect() {
        registry = new RegistryClient(port);
    }

    protected int port() {
        return port;
    }

    /** The actuator's own port (loopback): metrics, info and health with its groups. */
    protected int managementPort() {
        return managementPort;
    }

    /** The registry's data folder ({@code wharf.data-dir}). */
    protected Path dataDirectory() {
        return dataDirectory.toAbsolutePath();
    }

    /** The folder holding the data folder and nothing else, unless something escaped. */
    protected Path sandbox() {
        return dataDirectory().getParent();
    }

    /** Root of the filesystem storage driver: {@code <data-dir>/registry/storage}. */
    protected Path storageRoot() {
        return dataDirectory().resolve("registry").resolve("storage");
    }

    /**
     * Every file the registry's storage holds, by path relative to its root ({@code blobs/sha256/ab/<hex>/data}),
     * with its size: what is on disk or in the bucket, whichever driver runs.
     */
    protected Map<String, Long> storedFiles() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        collect("/", files);
        return files;
    }

    private void collect(String directory, Map<String, Long> files) throws IOException {
        try {
            for (String child : storage.list(directory)) {
                FileInfo info = storage.stat(child);
                if (info.directory()) {
                    collect(child, files);
                } else {
                    files.put(child.substring(1), info.size());
                }
            }
        } catch (PathNotFoundException gone) {
            // nothing stored yet, or removed while listing
        }
    }

    /**
     * A repository name no other test uses, in a namespace of its own, e.g. {@code blob-17/blob} (a name of one
     * component would be a top-level repository, stored and reported as {@code library/<name>}).
     */
    protected static String newRepository(String hint) {
        return hint + "-" + REPOSITORY_SEQUENCE.incrementAndGet() + "/" + hint.substring(hint.lastIndexOf('/') + 1);
    }
}
