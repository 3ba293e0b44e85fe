package io.wharf.registry.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import io.wharf.contract.auth.RegistryTokenVerification;
import io.wharf.contract.auth.RegistryTokenVerification.VerifiedToken;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the index's bearer tokens by the one rule both services share ({@link RegistryTokenVerification}) against
 * the index's JWKS, fetched once and cached with a refresh when an unknown key id shows up. No network call per
 * request, and no signature check per request either: a verified token is remembered until the rule stops honouring
 * it (docker sends the same token for every request of a pull or push, and an ES256 verification costs more than
 * serving a manifest).
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

    /**
     * Thrown for a token whose key the index does not publish, even in the key set fetched a moment ago: a forged
     * or foreign token, the client's fault like any other invalid token.
     */
    static class UnknownKeyException extends InvalidTokenException {
        UnknownKeyException(Throwable cause) {
            super("signed with a key the index does not publish", cause);
        }
    }

    /** Thrown when the signing keys cannot be had, which is not the client's fault. */
    static class KeysUnavailableException extends Exception {
        KeysUnavailableException(Throwable cause) {
            super("the index's signing keys cannot be fetched", cause);
        }
    }

    private final RegistryTokenVerification rule;
    /** Verified tokens, by their exact text, until the rule stops honouring them. */
    private final Map<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    TokenVerifier(AuthProperties properties) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(properties.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("wharf.registry.auth.jwks-uri is not a URL: " + properties.jwksUri(), e);
        }
        rule = new RegistryTokenVerification(keys, properties.issuer(), properties.service());
    }

    VerifiedToken verify(String token) throws InvalidTokenException, KeysUnavailableException {
        Instant now = Instant.now();
        VerifiedToken remembered = verified.get(token);
        if (remembered != null) {
            if (now.isBefore(remembered.honouredUntil())) {
                return remembered;
            }
            verified.remove(token, remembered);
        }
        try {
            VerifiedToken result = rule.verify(token);
            remember(token, result, now);
            return result;
        } catch (RateLimitReachedException keysJustFetched) {
            // An unknown key id makes the key source fetch the keys again, at most once in a while; until then
            // it refuses, and the key is still unknown.
            throw new UnknownKeyException(keysJustFetched);
        } catch (KeySourceException unreachable) {
            throw new KeysUnavailableException(unreachable);
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException rejected) {
            throw new InvalidTokenException(rejected.getMessage(), rejected);
        }
    }

    /** Keeps a verified token until it expires; when full, expired ones go first, and everything if none has. */
    private void remember(String token, VerifiedToken result, Instant now) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.values().removeIf(old -> !now.isBefore(old.honouredUntil()));
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(token, result);
    }
}
