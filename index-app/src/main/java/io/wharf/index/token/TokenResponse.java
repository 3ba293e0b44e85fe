package io.wharf.index.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.index.signing.RegistryTokenIssuer;

/**
 * The token endpoint's answer, for both the GET (token specification) and the OAuth2 POST. It carries
 * the same JWT as {@code token} and {@code access_token}, since clients read one or the other.
 *
 * @param issuedAt RFC 3339 UTC, the same instant as the JWT's {@code iat}
 * @param refreshToken only when asked for ({@code offline_token=true}, {@code access_type=offline})
 * @param scope the granted scopes, space separated, as OAuth2 requires
 */
public record TokenResponse(
        String token,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("issued_at") String issuedAt,
        @JsonProperty("refresh_token") @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
        String scope) {

    static TokenResponse of(RegistryTokenIssuer.IssuedToken token, String grantedScope, String refreshToken) {
        return new TokenResponse(token.jwt(), token.jwt(), token.lifetime().toSeconds(),
                token.issuedAt().toString(), refreshToken, grantedScope);
    }
}
