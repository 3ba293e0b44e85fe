package io.wharf.index.accesstoken;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A new access token: a name to recognize it by, its scope, and an optional expiry (an RFC 3339 instant). */
public record CreateAccessTokenRequest(
        @NotBlank(message = "Give the token a name, such as laptop or CI.")
        @Size(max = 100, message = "A token's name has at most 100 characters.") String name,
        @NotNull(message = "Choose the token's scope: read-write or read-only.") AccessTokenScope scope,
        Instant expiresAt) {
}
