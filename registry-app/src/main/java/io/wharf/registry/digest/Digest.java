package io.wharf.registry.digest;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:encoded} as the OCI image spec defines it. Only the registered
 * algorithms sha256 and sha512 are accepted, with their exact lowercase hex lengths, so a digest can be
 * used safely as a storage path component.
 */
public record Digest(DigestAlgorithm algorithm, String hex) {

    private static final Pattern GENERAL_GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    public Digest {
        if (!algorithm.isValidHex(hex)) {
            throw invalid(algorithm.prefix() + ":" + hex);
        }
    }

    /** Parses a digest, answering DIGEST_INVALID for anything malformed or of an unsupported algorithm. */
    public static Digest parse(String text) {
        if (text == null || !GENERAL_GRAMMAR.matcher(text).matches()) {
            throw invalid(text);
        }
        int colon = text.indexOf(':');
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon))
                .orElseThrow(() -> invalid(text));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** True when {@code text} looks like a digest rather than a tag (a tag can never contain ':'). */
    public static boolean looksLikeDigest(String text) {
        return text.indexOf(':') >= 0;
    }

    private static RegistryException invalid(String text) {
        return new RegistryException(ErrorCode.DIGEST_INVALID, "invalid or unsupported digest: " + text);
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}
