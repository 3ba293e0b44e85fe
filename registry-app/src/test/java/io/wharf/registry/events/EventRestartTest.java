package io.wharf.registry.events;

import static io.wharf.registry.events.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events committed but not delivered when the registry stops are delivered by the next registry process on the
 * same database: nothing is kept only in memory.
 */
class EventRestartTest {

    private static final String REPOSITORY = "restart/app";
    private static final String SECRET = "restart-test-secret";

    @TempDir
    Path dataDir;

    @Test
    void eventsTheEndpointRefusedAreDeliveredAfterARestart() {
        try (EventReceiver receiver = EventReceiver.start()) {
            receiver.answer(503);
            String eventId;
            try (ConfigurableApplicationContext registry = startRegistry(receiver, SECRET)) {
                new RegistryClient(port(registry)).pushImage(REPOSITORY, "v1");
                eventually().until(() -> !receiver.receivedEventsAbout(REPOSITORY).isEmpty());
                eventId = receiver.receivedEventsAbout(REPOSITORY).get(0).path("id").asString();
            }
            receiver.answer(200);

            try (ConfigurableApplicationContext registry = startRegistry(receiver, SECRET)) {
                eventually().until(() -> receiver.acceptedEventsAbout(REPOSITORY).size() == 1);
                assertThat(receiver.acceptedEventsAbout(REPOSITORY).get(0).path("id").asString()).isEqualTo(eventId);
            }
        }
    }

    @Test
    void withoutASecretEventsStayQueuedUntilOneIsConfigured() throws InterruptedException {
        try (EventReceiver receiver = EventReceiver.start()) {
            try (ConfigurableApplicationContext registry = startRegistry(receiver, "")) {
                new RegistryClient(port(registry)).pushImage(REPOSITORY, "v1");
                Thread.sleep(1000); // ten poll intervals in which nothing may be sent
                assertThat(receiver.deliveries()).isEmpty();
                assertThat(registry.getBean(JdbcClient.class)
                        .sql("select attempts from event_delivery where repository = :repository")
                        .param("repository", REPOSITORY).query(Integer.class).list()).isEqualTo(List.of(0));
            }

            try (ConfigurableApplicationContext registry = startRegistry(receiver, SECRET)) {
                eventually().until(() -> receiver.acceptedEventsAbout(REPOSITORY).size() == 1);
            }
        }
    }

    /**
     * A registry process of its own on {@link #dataDir}. Command-line arguments, because they take precedence over
     * application.yml (SpringApplicationBuilder.properties() would not).
     */
    private ConfigurableApplicationContext startRegistry(EventReceiver receiver, String secret) {
        return new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.address=127.0.0.1", "--management.server.port=0",
                "--server.port=0",
                "--wharf.data-dir=" + dataDir,
                "--wharf.registry.auth.enabled=false",
                "--wharf.registry.events.endpoints[0].name=receiver",
                "--wharf.registry.events.endpoints[0].url=" + receiver.url(),
                "--wharf.registry.events.endpoints[0].secret=" + secret,
                "--wharf.registry.events.poll-interval=100ms",
                "--wharf.registry.events.initial-backoff=200ms",
                "--wharf.registry.events.max-backoff=1s");
    }

    private static int port(ConfigurableApplicationContext registry) {
        return Integer.parseInt(registry.getEnvironment().getProperty("local.server.port"));
    }
}
