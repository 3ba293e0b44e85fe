package io.wharf.index.accesstoken;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An access token as the REST API shows it. {@code token}, the secret itself, is present only in the
 * answer that creates the token: the index keeps nothing but its hash.
 */
public record AccessTokenView(
        long id,
        String name,
        AccessTokenScope scope,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    static AccessTokenView of(AccessToken token) {
        return withSecret(token, null);
    }

    static AccessTokenView withSecret(AccessToken token, String secret) {
        return new AccessTokenView(token.id(), token.name(), token.scope(), token.createdAt(),
                token.expiresAt().orElse(null), token.lastUsedAt().orElse(null), secret);
    }
}
