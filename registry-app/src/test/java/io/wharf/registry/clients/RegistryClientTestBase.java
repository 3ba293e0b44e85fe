package io.wharf.registry.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.wharf.registry.RegistryApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real registry on a random loopback port of this JVM, for tests that drive real clients against it. Test classes
 * extending this share one application context (and so one registry and data folder); each uses its own repositories.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
public abstract class RegistryClientTestBase {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        // Under target/ so that `mvn clean` removes it; created once per context, not on every property read.
        Path dataDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "registry-data-");
        registry.add("wharf.data-dir", dataDirectory::toString);
    }

    /** {@code 127.0.0.1:<port>}, the registry host as image references name it. */
    protected String registry() {
        return "127.0.0.1:" + port;
    }
}
