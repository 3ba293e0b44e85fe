package io.wharf.registry.events;

import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry (authentication off) with two event endpoints: {@link #RECEIVER}, listening, and {@code late}, where
 * nothing listens until a test starts a receiver on {@link #LATE_PORT}. Short poll and backoff times keep retries
 * quick. Tests work in repositories of their own; each class's context is closed after it, so that no registry
 * keeps retrying the late endpoint in the background.
 */
@DirtiesContext
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "wharf.registry.auth.enabled=false"})
abstract class EventsTestBase {

    static final String SECRET = "events-test-secret";
    static final String EVENTS_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";
    static final EventReceiver RECEIVER = EventReceiver.start();
    static final String RECEIVER_ENDPOINT = "receiver";
    static final int LATE_PORT = freePort();
    static final Duration PULL_REPORT_INTERVAL = Duration.ofMillis(300);
    static final Duration PULL_WINDOW = Duration.ofSeconds(1);

    private static final AtomicInteger REPOSITORY_SEQUENCE = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RegistryClient registry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        Path sandbox = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "events-tests").toAbsolutePath()), "sandbox-");
        properties.add("wharf.data-dir", () -> sandbox.resolve("data").toString());
        properties.add("wharf.registry.events.endpoints[0].name", () -> RECEIVER_ENDPOINT);
        properties.add("wharf.registry.events.endpoints[0].url", () -> RECEIVER.url().toString());
        properties.add("wharf.registry.events.endpoints[0].secret", () -> SECRET);
        properties.add("wharf.registry.events.endpoints[1].name", () -> "late");
        properties.add("wharf.registry.events.endpoints[1].url", () -> "http://127.0.0.1:" + LATE_PORT + "/api/events");
        properties.add("wharf.registry.events.endpoints[1].secret", () -> SECRET);
        properties.add("wharf.registry.events.poll-interval", () -> "100ms");
        properties.add("wharf.registry.events.pull-report-interval", () -> PULL_REPORT_INTERVAL.toMillis() + "ms");
        properties.add("wharf.registry.events.pull-window", () -> PULL_WINDOW.toMillis() + "ms");
        properties.add("wharf.registry.events.initial-backoff", () -> "200ms");
        properties.add("wharf.registry.events.max-backoff", () -> "1s");
        properties.add("wharf.registry.events.timeout", () -> "2s");
    }

    @BeforeEach
    void connect() {
        registry = new RegistryClient(port);
        RECEIVER.answer(200);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static String newRepository(String hint) {
        return "events/" + hint + "-" + REPOSITORY_SEQUENCE.incrementAndGet();
    }

    /** Delivery attempts so far of every event about {@code repository} to {@code endpoint}, oldest event first. */
    List<Integer> attempts(String endpoint, String repository) {
        return jdbc.sql("select attempts from event_delivery where endpoint = :endpoint and repository = :repository"
                        + " order by event_seq")
                .param("endpoint", endpoint).param("repository", repository)
                .query(Integer.class).list();
    }

    /** Whether the sender has recorded every delivery of the repository's events to the endpoint as done. */
    boolean allDelivered(String endpoint, String repository) {
        return jdbc.sql("select count(*) from event_delivery where endpoint = :endpoint and repository = :repository"
                        + " and delivered_at is null")
                .param("endpoint", endpoint).param("repository", repository)
                .query(Long.class).single() == 0;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
