package io.wharf.registry.events;

import static io.wharf.registry.events.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.RegistryClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
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
    private static final ECKey INDEX_KEY = generateKey();
    private static final HttpServer JWKS = serveJwks();
    private static final EventReceiver RECEIVER = EventReceiver.start();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("wharf.data-dir", dataDir::toString);
        properties.add("wharf.registry.auth.enabled", () -> "true");
        properties.add("wharf.registry.auth.jwks-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
        properties.add("wharf.registry.events.endpoints[0].name", () -> "receiver");
        properties.add("wharf.registry.events.endpoints[0].url", () -> RECEIVER.url().toString());
        properties.add("wharf.registry.events.endpoints[0].secret", () -> SECRET);
        properties.add("wharf.registry.events.poll-interval", () -> "100ms");
    }

    @AfterAll
    static void stopServers() {
        JWKS.stop(0);
        RECEIVER.close();
    }

    @Test
    void theActorIsTheSubjectOfTheToken() throws Exception {
        String repository = "alice/app";
        // An index listing no manifests needs no blobs: the push is one request.
        ManifestDocument emptyIndex = ManifestBuilder.ociIndex().build();
        new RegistryClient(port).given()
                .header("Authorization", "Bearer " + token("alice", repository))
                .contentType(emptyIndex.mediaType()).body(emptyIndex.bytes())
                .put("/v2/" + repository + "/manifests/latest")
                .then().statusCode(201);

        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        assertThat(RECEIVER.acceptedEventsAbout(repository).get(0).path("actor").path("name").asString())
                .isEqualTo("alice");
    }

    private static String token(String subject, String repository) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("wharf-index").audience("wharf-registry").subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("access", new GrantedAccess(List.of(AccessEntry.repository(repository, "pull", "push")))
                        .toClaimValue())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(INDEX_KEY.getKeyID()).build(),
                claims);
        jwt.sign(new ECDSASigner(INDEX_KEY));
        return jwt.serialize();
    }

    private static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("index-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveJwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(INDEX_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, keys.length);
                    exchange.getResponseBody().write(keys);
                }
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
