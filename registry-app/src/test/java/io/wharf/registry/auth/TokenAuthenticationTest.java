package io.wharf.registry.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.specification.RequestSpecification;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.registry.RegistryApplication;
import io.wharf.registry.api.support.StandInTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry honours only tokens the index signed, for this registry, still valid, granting the access
 * the request needs; every other request hears a 401 challenge naming the realm, service and scope.
 * The index is stood in for by a JWKS served from this test, so each kind of bad token can be forged.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
@ExtendWith(OutputCaptureExtension.class)
class TokenAuthenticationTest {

    private static final String UNKNOWN_KEY_LOG = "signed with a key the index does not publish";

    private static final String REALM = "http://127.0.0.1:1/v2/token";
    private static final String SERVICE = StandInTokenIssuer.SERVICE;

    private static final StandInTokenIssuer INDEX = StandInTokenIssuer.start();
    private static final ECKey INDEX_KEY = INDEX.key();
    private static final ECKey FOREIGN_KEY = StandInTokenIssuer.generateKey("foreign-key");

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("wharf.data-dir", dataDir::toString);
        registry.add("wharf.registry.auth.enabled", () -> "true");
        registry.add("wharf.registry.auth.realm", () -> REALM);
        registry.add("wharf.registry.auth.jwks-uri", INDEX::jwksUri);
    }

    @AfterAll
    static void stopJwksServer() {
        INDEX.close();
    }

    @Test
    void baseEndpointWithoutTokenIsChallengedWithRealmAndService() {
        given().port(port).get("/v2/")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\",service=\"" + SERVICE + "\"")
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void tokenWithEmptyAccessOpensOnlyTheBaseEndpoint() throws Exception {
        String token = sign(INDEX_KEY, claims(List.of()).build());
        bearer(token).get("/v2/").then().statusCode(200);
        bearer(token).get("/v2/team/app/tags/list")
                .then().statusCode(401)
                .header("WWW-Authenticate", allOf(containsString("scope=\"repository:team/app:pull\""),
                        containsString("error=\"insufficient_scope\"")))
                .body("errors[0].code", equalTo("DENIED"));
    }

    @Test
    void pushNeedsPushScopeAndNamesItInTheChallenge() throws Exception {
        String pullOnly = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("team/app", "pull"))).build());
        bearer(pullOnly).post("/v2/team/app/blobs/uploads/")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:team/app:push\""));
        String pullPush = sign(INDEX_KEY,
                claims(List.of(AccessEntry.repository("team/app", "pull", "push"))).build());
        bearer(pullPush).post("/v2/team/app/blobs/uploads/").then().statusCode(202);
    }

    @Test
    void scopeForAnotherRepositoryIsRejected() throws Exception {
        String token = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("team/other", "pull", "push"))).build());
        bearer(token).get("/v2/team/app/tags/list")
                .then().statusCode(401).body("errors[0].code", equalTo("DENIED"));
    }

    @Test
    void unsignedTokenIsRejected() {
        String token = new PlainJWT(claims(List.of()).build()).serialize();
        bearer(token).get("/v2/").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        String token = sign(FOREIGN_KEY, claims(List.of()).build());
        bearer(token).get("/v2/").then().statusCode(401);
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheIndexKeyIdIsRejected() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(INDEX_KEY.getKeyID()).generate();
        bearer(sign(impostor, claims(List.of()).build())).get("/v2/").then().statusCode(401);
    }

    /**
     * Such tokens send the verifier to the index for fresh keys, which it may do only now and then: however many
     * arrive, each is a 401 (not "verification unavailable"), and the log says so once a minute with a count.
     */
    @Test
    void manyTokensSignedWithAnUnknownKeyUnderTheIndexKeyIdAreEachA401AndLoggedOnce(CapturedOutput output)
            throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(INDEX_KEY.getKeyID()).generate();
        RSAKey rsaImpostor = new RSAKeyGenerator(2048).keyID(INDEX_KEY.getKeyID()).generate();
        for (int attempt = 0; attempt < 10; attempt++) {
            bearer(sign(impostor, claims(List.of()).jwtID("ec-" + attempt).build())).get("/v2/")
                    .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
            SignedJWT rsaSigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(rsaImpostor.getKeyID()).build(), claims(List.of()).jwtID("rsa-" + attempt).build());
            rsaSigned.sign(new RSASSASigner(rsaImpostor));
            bearer(rsaSigned.serialize()).get("/v2/")
                    .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        }
        bearer(sign(INDEX_KEY, claims(List.of()).build())).get("/v2/").then().statusCode(200);
        assertThat(output.getAll()).doesNotContain("cannot verify tokens");
        assertThat(output.getAll().lines().filter(line -> line.contains(UNKNOWN_KEY_LOG))).hasSize(1);
    }

    @Test
    void tokenForAnotherServiceIsRejected() throws Exception {
        String token = sign(INDEX_KEY, claims(List.of()).audience("some-other-registry").build());
        bearer(token).get("/v2/").then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() throws Exception {
        String token = sign(INDEX_KEY, claims(List.of()).issuer("somebody-else").build());
        bearer(token).get("/v2/").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        String token = sign(INDEX_KEY, claims(List.of()).issueTime(Date.from(longAgo))
                .notBeforeTime(Date.from(longAgo)).expirationTime(Date.from(longAgo.plusSeconds(300))).build());
        bearer(token).get("/v2/").then().statusCode(401);
    }

    @Test
    void notYetValidTokenIsRejected() throws Exception {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        String token = sign(INDEX_KEY, claims(List.of()).notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(300))).build());
        bearer(token).get("/v2/").then().statusCode(401);
    }

    @Test
    void garbageTokenIsRejectedWithoutServerError() {
        bearer("not.a.jwt").get("/v2/").then().statusCode(401);
        bearer("").get("/v2/").then().statusCode(401);
    }

    @Test
    void catalogNeedsTheCatalogScope() throws Exception {
        String user = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("team/app", "pull"))).build());
        bearer(user).get("/v2/_catalog").then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"registry:catalog:*\""));
        String admin = sign(INDEX_KEY,
                claims(List.of(new AccessEntry(AccessEntry.REGISTRY, AccessEntry.CATALOG, Set.of("*"))))
                        .build());
        bearer(admin).get("/v2/_catalog").then().statusCode(200);
    }

    @Test
    void mountFromARepositoryTheTokenCannotPullFallsBackToAnUpload() throws Exception {
        byte[] content = ("secret layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(content));
        String owner = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("alice/private", "pull", "push"))).build());
        bearer(owner).contentType("application/octet-stream").body(content)
                .post("/v2/alice/private/blobs/uploads/?digest=" + digest).then().statusCode(201);

        String mallory = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("mallory/app", "pull", "push"))).build());
        bearer(mallory).post("/v2/mallory/app/blobs/uploads/?mount=" + digest + "&from=alice/private")
                .then().statusCode(202);
        bearer(mallory).head("/v2/mallory/app/blobs/" + digest).then().statusCode(404);

        String trusted = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("bob/app", "pull", "push"),
                AccessEntry.repository("alice/private", "pull"))).build());
        bearer(trusted).post("/v2/bob/app/blobs/uploads/?mount=" + digest + "&from=alice/private")
                .then().statusCode(201).header("Docker-Content-Digest", equalTo(digest));
    }

    @Test
    void aRefusalTheIndexExplainedIsTheDeniedMessageAndTheChallengesErrorDescription() throws Exception {
        String message = "ubuntu is a top-level repository (library/ubuntu): only administrators may push it";
        JWTClaimsSet claims = claims(List.of(AccessEntry.repository("ubuntu", "pull")))
                .claim(TokenClaims.REFUSALS, AccessRefusal.toClaimValue(List.of(
                        new AccessRefusal("repository", "ubuntu", AccessRefusal.Reason.TOP_LEVEL, message))))
                .build();

        bearer(sign(INDEX_KEY, claims)).post("/v2/ubuntu/blobs/uploads/")
                .then().statusCode(401)
                .header("WWW-Authenticate", allOf(containsString("scope=\"repository:library/ubuntu:push\""),
                        containsString("error=\"insufficient_scope\",error_description=\"" + message + "\"")))
                .body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void aTopLevelNameIsPulledAndPushedWithATokenForEitherSpelling() throws Exception {
        String shortForm = sign(INDEX_KEY, claims(List.of(AccessEntry.repository("alpine", "pull", "push"))).build());
        String fullForm = sign(INDEX_KEY,
                claims(List.of(AccessEntry.repository("library/alpine", "pull", "push"))).build());

        bearer(shortForm).post("/v2/alpine/blobs/uploads/").then().statusCode(202)
                .header("Location", startsWith("/v2/library/alpine/blobs/uploads/"));
        bearer(fullForm).post("/v2/alpine/blobs/uploads/").then().statusCode(202);
        bearer(shortForm).post("/v2/library/alpine/blobs/uploads/").then().statusCode(202);
    }

    @Test
    void challengeOnSuccessIsAbsent() throws Exception {
        String token = sign(INDEX_KEY, claims(List.of()).build());
        bearer(token).get("/v2/").then().statusCode(200).header("WWW-Authenticate", not(containsString("Bearer")));
    }

    private RequestSpecification bearer(String token) {
        return given().port(port).header("Authorization", "Bearer " + token);
    }

    private static JWTClaimsSet.Builder claims(List<AccessEntry> access) {
        return StandInTokenIssuer.claims("alice", access);
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        return StandInTokenIssuer.sign(key, claims);
    }
}
