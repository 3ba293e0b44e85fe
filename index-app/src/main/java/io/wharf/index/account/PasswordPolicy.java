package io.wharf.index.account;

import io.wharf.index.requester.SecretTokens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a password must be: at least 8 characters, at most 72 bytes (all that BCrypt reads), and not
 * looking like an access token, because secrets with that prefix are checked as tokens only.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, or empty when it is. */
    public static Optional<String> violation(String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("password must have at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.startsWith(SecretTokens.ACCESS_TOKEN_PREFIX)) {
            return Optional.of("password must not start with " + SecretTokens.ACCESS_TOKEN_PREFIX);
        }
        return Optional.empty();
    }
}
