package io.wharf.registry.api.support;

import com.nimbusds.jose.JOSEObjectType;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for the index's token service in registry tests: an ES256 key whose JWKS is served on 127.0.0.1,
 * and tokens signed the way the index signs them, so tests can also forge every kind of bad token.
 */
public final class StandInTokenIssuer implements AutoCloseable {

    public static final String ISSUER = "wharf-index";
    public static final String SERVICE = "wharf-registry";
    private static final String JWKS_PATH = "/.well-known/jwks.json";

    private final ECKey key;
    private final HttpServer jwksServer;

    private StandInTokenIssuer(ECKey key, HttpServer jwksServer) {
        this.key = key;
        this.jwksServer = jwksServer;
    }

    public static StandInTokenIssuer start() {
        ECKey key = generateKey("index-key");
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(JWKS_PATH, exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                }
            });
            server.start();
            return new StandInTokenIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + JWKS_PATH;
    }

    public ECKey key() {
        return key;
    }

    /** A valid token for {@code subject} granting {@code access}. */
    public String token(String subject, List<AccessEntry> access) {
        return sign(key, claims(subject, access).build());
    }

    /** Claims as the index writes them, valid for five minutes from now; tests change what they need. */
    public static JWTClaimsSet.Builder claims(String subject, List<AccessEntry> access) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(SERVICE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("access", new GrantedAccess(access).toClaimValue());
    }

    public static String sign(ECKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    public static ECKey generateKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        jwksServer.stop(0);
    }
}
