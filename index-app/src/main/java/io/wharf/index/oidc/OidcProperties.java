package io.wharf.index.oidc;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in with an OpenID Connect provider, under {@code wharf.index.oidc}; defaults and explanations are in
 * {@code application.yml} and docs/operations.md. Off while {@code issuer-uri} is blank.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} is read at the first sign-in
 * @param clientId the index's client id at the provider
 * @param clientSecret the index's client secret at the provider
 * @param displayName the provider's name on the login page's button ("Sign in with ...")
 * @param usernameClaim the ID token or user info claim that names a new account
 * @param groupsClaim the claim that lists the person's groups
 * @param scopes the scopes the index asks for
 * @param timeout how long the index waits for each answer of the provider (discovery, token endpoint, user info)
 */
@ConfigurationProperties("wharf.index.oidc")
@Validated
public record OidcProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        @NotBlank String displayName,
        @NotBlank String usernameClaim,
        @NotBlank String groupsClaim,
        @NotEmpty List<String> scopes,
        @NotNull @DurationMin(millis = 100) Duration timeout) {

    /** The one provider's registration id, the last segment of its addresses ({@code /login/oauth2/code/oidc}). */
    public static final String REGISTRATION_ID = "oidc";

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
