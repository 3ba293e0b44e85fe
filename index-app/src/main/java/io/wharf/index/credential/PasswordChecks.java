package io.wharf.index.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wharf.index.IndexProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a password against its stored hash, and remembers for {@code wharf.index.credential-cache.ttl} the pairs
 * that matched: every {@code docker pull} and {@code skopeo copy} asks for a token with the same password, and the
 * hash is slow on purpose.
 *
 * <p>What is remembered is a fact that cannot go stale: "this password matches this stored hash". A changed
 * password has another hash (with another salt), so the old password stops matching at once, on every replica; the
 * account's lock, deletion and roles are read from the database on every sign-in by the caller. Only matches are
 * remembered, never failures.
 *
 * <p>Neither the password nor a plain hash of it is kept: the key is an HMAC-SHA256 of the stored hash and the
 * password, under a random key made at start that never leaves the process. The lifetime is short because, with
 * that key, a copy of the process's memory would allow fast offline guessing against the remembered entries (it
 * would also show passwords of requests in flight).
 */
@Component
public class PasswordChecks {

    private static final String FINGERPRINT_ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final PasswordEncoder passwordEncoder;
    private final Cache<String, Boolean> recentMatches;
    private final Mac fingerprints;
    private final Counter cachedMatches;
    private final Counter hashedMatches;
    private final Counter hashedMismatches;

    public PasswordChecks(PasswordEncoder passwordEncoder, IndexProperties properties, MeterRegistry meters) {
        this.passwordEncoder = passwordEncoder;
        IndexProperties.CredentialCache settings = properties.credentialCache();
        this.recentMatches = Caffeine.newBuilder()
                .expireAfterWrite(settings.ttl())
                .maximumSize(settings.maximumSize())
                .build();
        this.fingerprints = newFingerprintMac();
        this.cachedMatches = checks(meters, "match", true);
        this.hashedMatches = checks(meters, "match", false);
        this.hashedMismatches = checks(meters, "mismatch", false);
    }

    /** Whether {@code password} is the one {@code storedHash} was made from. */
    public boolean matches(String password, String storedHash) {
        String fingerprint = fingerprint(password, storedHash);
        if (recentMatches.getIfPresent(fingerprint) != null) {
            cachedMatches.increment();
            return true;
        }
        if (!passwordEncoder.matches(password, storedHash)) {
            hashedMismatches.increment();
            return false;
        }
        hashedMatches.increment();
        recentMatches.put(fingerprint, Boolean.TRUE);
        return true;
    }

    private String fingerprint(String password, String storedHash) {
        Mac mac;
        try {
            mac = (Mac) fingerprints.clone();
        } catch (CloneNotSupportedException unexpected) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", unexpected);
        }
        // A stored hash never contains NUL, so the separator keeps (hash, password) pairs apart.
        mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newFingerprintMac() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance(FINGERPRINT_ALGORITHM);
            mac.init(new SecretKeySpec(key, FINGERPRINT_ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", impossible);
        }
    }

    private static Counter checks(MeterRegistry meters, String result, boolean cached) {
        return Counter.builder("wharf.index.credential.checks")
                .description("password checks by result, and whether a recent match answered without the hash")
                .tag("result", result)
                .tag("cached", String.valueOf(cached))
                .register(meters);
    }
}
