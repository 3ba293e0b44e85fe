package io.wharf.registry.events;

import static io.wharf.registry.events.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.StandInTokenIssuer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With token authentication on, an event names who made the change: the subject of the request's token. */
@DirtiesContext
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class EventActorTest {

    private static final String SECRET = "actor-test-secret";
    private static final StandInTokenIssuer INDEX = StandInTokenIssuer.start();
    private static final EventReceiver RECEIVER = EventReceiver.start();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("wharf.data-dir", dataDir::toString);
        properties.add("wharf.registry.auth.enabled", () -> "true");
        properties.add("wharf.registry.auth.jwks-uri", INDEX::jwksUri);
        properties.add("wharf.registry.events.endpoints[0].name", () -> "receiver");
        properties.add("wharf.registry.events.endpoints[0].url", () -> RECEIVER.url().toString());
        properties.add("wharf.registry.events.endpoints[0].secret", () -> SECRET);
        properties.add("wharf.registry.events.poll-interval", () -> "100ms");
        properties.add("wharf.registry.events.pull-report-interval", () -> "300ms");
    }

    @AfterAll
    static void stopServers() {
        INDEX.close();
        RECEIVER.close();
    }

    @Test
    void theActorIsTheSubjectOfTheToken() {
        String repository = "alice/app";
        pushEmptyIndex(repository);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        assertThat(RECEIVER.acceptedEventsAbout(repository).get(0).path("actor").path("name").asString())
                .isEqualTo("alice");
    }

    @Test
    void theIndexsOwnManifestReadsAreNotCountedAsPulls() {
        String repository = "alice/counted";
        pushEmptyIndex(repository);
        // First the index reads it twice (as a reconciliation does), then alice pulls it once: a report that
        // holds alice's pull holds every earlier one.
        for (String reader : List.of(TokenClaims.INDEX_SUBJECT, TokenClaims.INDEX_SUBJECT, "alice")) {
            asUser(reader, repository, "pull").get("/v2/" + repository + "/manifests/latest").then().statusCode(200);
        }

        eventually().until(() -> RECEIVER.pullsReportedAbout(repository) > 0);
        assertThat(RECEIVER.pullsReportedAbout(repository)).isEqualTo(1);
    }

    private void pushEmptyIndex(String repository) {
        // An index listing no manifests needs no blobs: the push is one request.
        ManifestDocument emptyIndex = ManifestBuilder.ociIndex().build();
        asUser("alice", repository, "pull", "push").contentType(emptyIndex.mediaType()).body(emptyIndex.bytes())
                .put("/v2/" + repository + "/manifests/latest")
                .then().statusCode(201);
    }

    private RequestSpecification asUser(String subject, String repository, String... actions) {
        return new RegistryClient(port).given().header("Authorization", "Bearer "
                + INDEX.token(subject, List.of(AccessEntry.repository(repository, actions))));
    }
}
