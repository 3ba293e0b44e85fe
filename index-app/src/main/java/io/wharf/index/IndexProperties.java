package io.wharf.index;

import io.wharf.index.repository.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code wharf.index}. The defaults, each with an explanation, are in
 * {@code application.yml}; a setting missing there fails the start rather than guessing.
 */
@ConfigurationProperties("wharf.index")
@Validated
public record IndexProperties(
        @NotNull Visibility defaultVisibility,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Signup signup,
        @Valid @NotNull Token token,
        @Valid @NotNull LoginThrottle loginThrottle,
        @Valid @NotNull Events events,
        @NotNull URI registryUrl) {

    /** The administrator created on first start; a blank password means "generate one and log it". */
    public record Admin(@NotBlank String username, String password, @NotBlank String email) {
    }

    public record Signup(boolean enabled, boolean requireEmailConfirmation) {
    }

    public record Token(
            @NotBlank String issuer,
            @NotBlank String service,
            // The token specification: never hand out a token with less than 60 seconds to live.
            @NotNull @DurationMin(seconds = 60) Duration lifetime,
            @NotNull Path signingKeyFile) {
    }

    /** @param secret the bearer secret the registry sends with its events; blank turns events off */
    public record Events(String secret) {

        public boolean enabled() {
            return secret != null && !secret.isBlank();
        }
    }

    public record LoginThrottle(@Positive int maxFailures, @NotNull @DurationMin(seconds = 1) Duration window) {
    }
}
