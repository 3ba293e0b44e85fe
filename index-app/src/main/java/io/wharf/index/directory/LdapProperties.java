package io.wharf.index.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in with an LDAP directory, under {@code wharf.index.ldap}; the defaults, explained, are in
 * {@code application.yml} and docs/operations.md.
 *
 * @param enabled whether directory users may sign in
 * @param url the directory, {@code ldap://host:389} or {@code ldaps://host:636}
 * @param baseDn the suffix below which users and groups are searched ({@code dc=example,dc=org})
 * @param bindDn the service account that searches users and groups; blank: anonymous searches
 * @param bindPassword its password
 * @param userSearchBase where users are, relative to the base DN ({@code ou=people})
 * @param userSearchFilter the filter that finds a user; {@code {0}} is the name typed at sign-in, encoded
 * @param usernameAttribute the attribute that names the Wharf account, which must follow the account-name rules
 * @param emailAttribute the attribute of the user's email address
 * @param groupSearchBase where groups are, relative to the base DN ({@code ou=groups})
 * @param groupSearchFilter the filter that finds a user's groups; {@code {0}} is the user's DN, encoded
 * @param disabledGroup the DN of a group whose members may not sign in; blank: none
 * @param connectTimeout how long to wait for a connection to the directory
 * @param readTimeout how long to wait for each of its answers
 * @param recheckAfter how long a directory check of a user is trusted before a token refresh or an access token asks
 *     the directory again whether the user may still sign in, and in which groups
 */
@ConfigurationProperties("wharf.index.ldap")
@Validated
public record LdapProperties(
        boolean enabled,
        @NotBlank String url,
        @NotNull String baseDn,
        @NotNull String bindDn,
        @NotNull String bindPassword,
        @NotNull String userSearchBase,
        @NotBlank String userSearchFilter,
        @NotBlank String usernameAttribute,
        @NotBlank String emailAttribute,
        @NotNull String groupSearchBase,
        @NotBlank String groupSearchFilter,
        @NotNull String disabledGroup,
        @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) Duration readTimeout,
        @NotNull Duration recheckAfter) {
}
