package io.wharf.index.requester;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * High-entropy bearer secrets (access tokens, refresh tokens) and the hash under which they are stored.
 * A recognizable prefix lets secret scanners and people tell what a leaked string is.
 */
public final class SecretTokens {

    /** Begins every personal access token and robot secret, and so no password. */
    public static final String ACCESS_TOKEN_PREFIX = "wharf_pat_";
    public static final String REFRESH_TOKEN_PREFIX = "wharf_rt_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    private SecretTokens() {
    }

    /** {@code prefix} followed by 256 random bits in URL-safe base64. */
    public static String generate(String prefix) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** SHA-256 in hex: enough for a 256-bit random secret, which cannot be guessed offline either. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
