package io.wharf.index;

import io.wharf.index.repository.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code wharf.index}. The defaults, each with an explanation, are in
 * {@code application.yml}; a setting missing there fails the start rather than guessing.
 *
 * @param defaultVisibility visibility of repositories created without one (also by a first push): private or public
 * @param admin the administrator created on first start
 * @param signup who may create accounts and whether they must confirm their email address
 * @param token the registry tokens the Docker token service issues
 * @param loginThrottle how failed sign-ins are slowed down
 * @param credentialCache how long a verified password is recognized without checking its hash again
 * @param events the registry's push and delete notifications
 * @param registryUrl where the index reaches the registry's API, to reconcile its metadata
 */
@ConfigurationProperties("wharf.index")
@Validated
public record IndexProperties(
        @NotNull Visibility defaultVisibility,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Signup signup,
        @Valid @NotNull Token token,
        @Valid @NotNull LoginThrottle loginThrottle,
        @Valid @NotNull CredentialCache credentialCache,
        @Valid @NotNull Events events,
        @NotNull URI registryUrl) {

    /**
     * The administrator created on first start (when the index has no administrator yet).
     *
     * @param username its account name
     * @param password its password; blank: a random one is generated and logged once
     * @param email its email address
     */
    public record Admin(@NotBlank String username, String password, @NotBlank String email) {
    }

    /**
     * @param enabled whether anyone may create an account (administrators always may)
     * @param requireEmailConfirmation whether users need a confirmed email address to push
     * @param autoConfirm confirm addresses at sign-up without a mail (for an index without SMTP)
     */
    public record Signup(boolean enabled, boolean requireEmailConfirmation, boolean autoConfirm) {
    }

    /**
     * @param issuer the "iss" claim of registry tokens; the registry must trust it
     * @param service the registry's name: the "service" of token requests and the "aud" claim of tokens
     * @param lifetime how long a registry token stays valid (at least 60s)
     * @param signingKeyFile the ES256 signing key (a private EC P-256 JWK), generated when missing
     * @param identityTokens whether clients that ask get a refresh token, which {@code docker login} keeps as its
     *     identity token instead of the password
     */
    public record Token(
            @NotBlank String issuer,
            @NotBlank String service,
            // The token specification: never hand out a token with less than 60 seconds to live.
            @NotNull @DurationMin(seconds = 60) Duration lifetime,
            @NotNull Path signingKeyFile,
            boolean identityTokens) {
    }

    /**
     * @param secret the bearer secret the registry sends with its events; blank turns events off
     * @param processedRetention how long the ids of applied events are kept to recognize a redelivery: at least a
     *     day, the registry's default {@code wharf.registry.events.retention}
     */
    public record Events(String secret, @NotNull @DurationMin(days = 1) Duration processedRetention) {

        public boolean enabled() {
            return secret != null && !secret.isBlank();
        }
    }

    /**
     * How failed password sign-ins are slowed down; counted per (name, client address) in the database, so every
     * replica sees them. See {@code security.LoginThrottle}.
     *
     * @param freeFailures failed sign-ins for one name from one address before delays start
     * @param window how long after its last failure a (name, address) pair's failures are forgotten
     * @param firstDelay the wait after the first delayed failure; it doubles with each further failure
     * @param maxDelay the longest wait
     * @param distributedAddresses when failures for one name come from this many addresses within the window,
     *     delays start at the first failure from every address (addresses without failures are not delayed)
     * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} names the
     *     client; from any other address the connection's own address is the client's
     */
    public record LoginThrottle(
            @Positive int freeFailures,
            @NotNull @DurationMin(seconds = 1) Duration window,
            @NotNull @DurationMin(millis = 1) Duration firstDelay,
            @NotNull @DurationMin(seconds = 1) Duration maxDelay,
            @Positive int distributedAddresses,
            @NotNull List<String> trustedProxies) {
    }

    /**
     * Recently verified passwords, remembered by a keyed fingerprint only, so that a client's repeated token
     * requests skip the password hash. See {@code credential.PasswordChecks}.
     *
     * @param ttl how long a verified password is remembered after its check; zero turns the memory off
     * @param maximumSize how many (password, stored hash) pairs are remembered at most
     */
    public record CredentialCache(@NotNull @DurationMin(seconds = 0) Duration ttl, @Positive int maximumSize) {
    }
}
