package io.wharf.index.accesstoken;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A new access token: a name to recognize it by, its scope, and an optional expiry (an RFC 3339 instant). */
public record CreateAccessTokenRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull AccessTokenScope scope,
        Instant expiresAt) {
}
