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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies the index's bearer tokens by the one rule both services share ({@link RegistryTokenVerification}) against
 * the index's JWKS, fetched once and cached with a refresh when an unknown key id shows up. No network call per
 * request, and no signature check per request either: a verified token is remembered until the rule stops honouring
 * it (docker sends the same token for every request of a pull or push, and an ES256 verification costs more than
 * serving a manifest). Connections that bring one new token at the same moment (a fleet starting a pull, or the first
 * second after a start, when the check still runs slow) wait for one verification instead of each making its own.
 */
class TokenVerifier {

    /**
     * Bounds the memory of remembered tokens: each weighs one plus the access entries it grants (about 1 KiB for the
     * token, a third of that per entry). A docker client's token grants one or two entries, so thousands of clients
     * fit; a token for many repositories at once weighs as much as many such tokens.
     */
    static final int MAX_REMEMBERED_WEIGHT = 8192;

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
    /** The weight of the tokens in {@link #verified}. */
    private final AtomicInteger rememberedWeight = new AtomicInteger();
    /** Verifications under way, by the token's text. */
    private final Map<String, CompletableFuture<VerifiedToken>> verifying = new ConcurrentHashMap<>();

    TokenVerifier(AuthProperties properties) {
        this(keysAt(properties), properties.issuer(), properties.service());
    }

    TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String service) {
        rule = new RegistryTokenVerification(keys, issuer, service);
    }

    private static JWKSource<SecurityContext> keysAt(AuthProperties properties) {
        try {
            return JWKSourceBuilder.create(properties.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("wharf.registry.auth.jwks-uri is not a URL: " + properties.jwksUri(), e);
        }
    }

    VerifiedToken verify(String token) throws InvalidTokenException, KeysUnavailableException {
        Instant now = Instant.now();
        VerifiedToken remembered = verified.get(token);
        if (remembered != null) {
            if (now.isBefore(remembered.honouredUntil())) {
                return remembered;
            }
            forget(token, remembered);
        }
        CompletableFuture<VerifiedToken> mine = new CompletableFuture<>();
        CompletableFuture<VerifiedToken> theirs = verifying.putIfAbsent(token, mine);
        if (theirs != null) {
            return outcomeOf(theirs);
        }
        try {
            VerifiedToken result = check(token);
            remember(token, result, now);
            mine.complete(result);
            return result;
        } catch (InvalidTokenException | KeysUnavailableException | RuntimeException | Error failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            verifying.remove(token, mine);
        }
    }

    private VerifiedToken check(String token) throws InvalidTokenException, KeysUnavailableException {
        try {
            return rule.verify(token);
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

    /** What another thread's verification of the same token came to. */
    private static VerifiedToken outcomeOf(CompletableFuture<VerifiedToken> verification)
            throws InvalidTokenException, KeysUnavailableException {
        try {
            return verification.join();
        } catch (CompletionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof InvalidTokenException invalid) {
                throw invalid;
            }
            if (cause instanceof KeysUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw failed;
        }
    }

    /**
     * Keeps a verified token until it expires; when full, expired ones go first, and everything if that is not enough.
     * Serialized, as misses are rare; reads and expiries do not wait for it.
     */
    private synchronized void remember(String token, VerifiedToken result, Instant now) {
        int weight = weightOf(result);
        if (weight > MAX_REMEMBERED_WEIGHT) {
            return;
        }
        if (rememberedWeight.get() + weight > MAX_REMEMBERED_WEIGHT) {
            verified.forEach((text, old) -> {
                if (!now.isBefore(old.honouredUntil())) {
                    forget(text, old);
                }
            });
            if (rememberedWeight.get() + weight > MAX_REMEMBERED_WEIGHT) {
                verified.forEach(this::forget);
            }
        }
        VerifiedToken replaced = verified.put(token, result);
        rememberedWeight.addAndGet(replaced == null ? weight : weight - weightOf(replaced));
    }

    private void forget(String token, VerifiedToken remembered) {
        if (verified.remove(token, remembered)) {
            rememberedWeight.addAndGet(-weightOf(remembered));
        }
    }

    private static int weightOf(VerifiedToken token) {
        return 1 + token.access().entries().size();
    }

    /** What the remembered tokens weigh now (see {@link #MAX_REMEMBERED_WEIGHT}). */
    int rememberedWeight() {
        return rememberedWeight.get();
    }
}
