package io.wharf.registry.api.support;

import io.wharf.registry.RegistryApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "wharf.registry.auth.enabled=false"})
public abstract class RegistryApiTest {

    private static final AtomicInteger REPOSITORY_SEQUENCE = new AtomicInteger();

    @LocalServerPort
    private int port;

    @Value("${wharf.data-dir}")
    private Path dataDirectory;

    protected RegistryClient registry;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) throws IOException {
        // Absolute: H2 refuses a database path that is implicitly relative to the working directory.
        Path sandbox = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "api-tests").toAbsolutePath()), "sandbox-");
        Path data = sandbox.resolve("data");
        properties.add("wharf.data-dir", data::toString);
    }

    @BeforeEach
    void connect() {
        registry = new RegistryClient(port);
    }

    protected int port() {
        return port;
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

    /** A repository name no other test uses, e.g. {@code blob-17}. */
    protected static String newRepository(String hint) {
        return hint + "-" + REPOSITORY_SEQUENCE.incrementAndGet();
    }
}
