package io.wharf.registry.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.contract.auth.TokenClaims;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the index's bearer tokens: signature (ES256 or RS256, never {@code none}) against the index's
 * JWKS, fetched once and cached with a refresh when an unknown key id shows up; issuer; audience = this
 * registry's service; exp and nbf within the clock skew. No network call per request, and no signature check per
 * request either: a verified token is remembered until it expires (docker sends the same token for every request
 * of a pull or push, and an ES256 verification costs more than serving a manifest).
 */
class TokenVerifier {

    /** Bounds the memory of remembered tokens (about 1 KiB each): far more than the clients of one replica. */
    static final int MAX_REMEMBERED = 4096;

    /** Thrown when a token must not be honoured; the message says why (for logs, not for clients). */
    static class InvalidTokenException extends Exception {
        InvalidTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown when the signing keys cannot be had, which is not the client's fault. */
    static class KeysUnavailableException extends Exception {
        KeysUnavailableException(Throwable cause) {
            super("the index's signing keys cannot be fetched", cause);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Duration clockSkew;
    /** Verified tokens, by their exact text, with the last instant they may be honoured (exp + clock skew). */
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(VerifiedToken token, Instant honouredUntil) {
    }

    TokenVerifier(AuthProperties properties) {
        this.clockSkew = properties.clockSkew();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(properties.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("wharf.registry.auth.jwks-uri is not a URL: " + properties.jwksUri(), e);
        }
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                properties.service(),
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
                Set.of(TokenClaims.EXPIRES_AT, TokenClaims.ISSUER, TokenClaims.AUDIENCE));
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** What a verified token says: who holds it ({@code sub}, empty for anonymous), what it grants, and why not more. */
    record VerifiedToken(String subject, GrantedAccess granted, List<AccessRefusal> refusals) {
    }

    VerifiedToken verify(String token) throws InvalidTokenException, KeysUnavailableException {
        Instant now = Instant.now();
        Remembered remembered = verified.get(token);
        if (remembered != null) {
            if (now.isBefore(remembered.honouredUntil())) {
                return remembered.token();
            }
            verified.remove(token, remembered);
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            VerifiedToken result = new VerifiedToken(claims.getSubject(),
                    GrantedAccess.fromClaimValue(claims.getClaim(TokenClaims.ACCESS)),
                    AccessRefusal.fromClaimValue(claims.getClaim(TokenClaims.REFUSALS)));
            remember(token, result, claims.getExpirationTime().toInstant().plus(clockSkew), now);
            return result;
        } catch (KeySourceException unreachable) {
            throw new KeysUnavailableException(unreachable);
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException rejected) {
            throw new InvalidTokenException(rejected.getMessage(), rejected);
        }
    }

    /** Keeps a verified token until it expires; when full, expired ones go first, and everything if none has. */
    private void remember(String token, VerifiedToken result, Instant honouredUntil, Instant now) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.values().removeIf(old -> !now.isBefore(old.honouredUntil()));
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(token, new Remembered(result, honouredUntil));
    }
}
