package io.wharf.index.repository;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.index.IndexAppTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code DELETE /api/repositories/{name}}: who may delete, and what happens while the registry is down. The
 * deletion with a running registry is tested end to end in e2e-tests ({@code RepositoryDeletionTest}), with
 * both packaged apps.
 */
class RepositoryDeleteApiTest extends IndexAppTestSupport {

    /** A loopback port nothing listens on: the registry is down for this whole class. */
    private static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void registryUrl(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.registry-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @Test
    void onlyRepositoryAdminsMayDelete() {
        String owner = createUser();
        String writer = createUser();
        String reader = createUser();
        String stranger = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, writer, "write");
        String repository = organization + "/app";
        createRepository(owner, repository, "public");
        putCollaborator(owner, repository, reader, "read");
        String secret = organization + "/secret";
        createRepository(owner, secret, "private");

        anonymous().delete("/api/repositories/" + repository).then().statusCode(401);
        asUser(stranger).delete("/api/repositories/" + repository).then().statusCode(403)
                .body("message", equalTo("only admins of " + repository + " may delete it"));
        asUser(reader).delete("/api/repositories/" + repository).then().statusCode(403);
        asUser(writer).delete("/api/repositories/" + repository).then().statusCode(403);
        asUser(stranger).delete("/api/repositories/" + secret).then().statusCode(404);
        asUser(owner).delete("/api/repositories/" + organization + "/missing").then().statusCode(404);

        // A read-only token of the organization's admin may not delete either.
        String readOnly = createAccessToken(owner, "read-only");
        as(owner, readOnly).delete("/api/repositories/" + repository).then().statusCode(403);

        anonymous().get("/api/repositories/" + repository).then().statusCode(200);
    }

    @Test
    void anUnreachableRegistryAnswers503AndTheMetadataStays() {
        String owner = createUser();
        String fan = createUser();
        String repository = owner + "/app";
        createRepository(owner, repository, "public");
        putCollaborator(owner, repository, fan, "read");
        asUser(fan).put("/api/repositories/" + repository + "/-/star").then().statusCode(204);

        asUser(owner).delete("/api/repositories/" + repository)
                .then().statusCode(503)
                .body("error", equalTo("service_unavailable"))
                .body("message", containsString("cannot reach the registry at http://127.0.0.1:" + CLOSED_PORT));
        asAdmin().delete("/api/repositories/" + repository).then().statusCode(503);

        asUser(fan).get("/api/repositories/" + repository).then().statusCode(200)
                .body("starCount", equalTo(1)).body("starred", equalTo(true));
        asUser(owner).get("/api/repositories/" + repository + "/-/collaborators").then().statusCode(200)
                .body("username", contains(fan));
    }

    @Test
    void aLateDeleteEventLeavesARepositoryRecordedAfterTheDeletionAlone() {
        String owner = createUser();
        String repository = owner + "/app";
        Instant deletedInTheRegistry = Instant.now().minus(Duration.ofMinutes(1));
        createRepository(owner, repository, "public");

        sendEvents(event("delete", Map.of("repository", repository), deletedInTheRegistry));
        anonymous().get("/api/repositories/" + repository).then().statusCode(200);

        sendEvents(event("delete", Map.of("repository", repository), Instant.now().plus(Duration.ofMinutes(1))));
        anonymous().get("/api/repositories/" + repository).then().statusCode(404);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
