package io.wharf.index.oidc;

import io.wharf.index.account.Account;
import io.wharf.index.account.AccountService;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.team.DirectorySource;
import io.wharf.index.team.TeamMembershipSync;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which Wharf account a person signed in at the provider is: the one linked to the provider's issuer and the
 * person's {@code sub}, or, at their first sign-in, a new account named by the configured claim. At every sign-in
 * the groups claim fills the account's teams of directory groups from this provider ({@link TeamMembershipSync}). An existing
 * account with that name or address is never joined on its own (anyone able to pick their name at the provider
 * could otherwise take it over): the sign-in is refused, saying why.
 */
@Service
@Transactional
public class OidcAccounts {

    /** Who creates and links accounts and fills teams at a sign-in, as the audit log names it. */
    private static final AuditActor DIRECTORY = TeamMembershipSync.actor(DirectorySource.OIDC);

    /** The error code of a sign-in the index refuses after the provider vouched for the person. */
    static final String ACCOUNT_REFUSED = "account_refused";

    private final ExternalIdentities identities;
    private final Accounts accounts;
    private final AccountService accountService;
    private final AuditTrail audit;
    private final TeamMembershipSync teams;
    private final OidcProperties properties;
    private final Clock clock;

    public OidcAccounts(ExternalIdentities identities, Accounts accounts, AccountService accountService,
            AuditTrail audit, TeamMembershipSync teams, OidcProperties properties, Clock clock) {
        this.identities = identities;
        this.accounts = accounts;
        this.accountService = accountService;
        this.audit = audit;
        this.teams = teams;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The account of the person the provider vouched for, created and linked at their first sign-in.
     *
     * @throws OAuth2AuthenticationException {@value #ACCOUNT_REFUSED} with the reason, for the sign-in error page
     */
    public LinkedAccount signIn(OidcUser person) {
        String issuer = person.getIdToken().getIssuer().toString();
        String subject = person.getSubject();
        Account account = identities.findByIssuerAndSubject(issuer, subject)
                .map(identity -> {
                    identities.signedIn(identity, clock.instant());
                    return accounts.findById(identity.accountId()).orElseThrow();
                })
                .orElseGet(() -> createAndLink(person, issuer, subject));
        if (account.locked()) {
            throw refused("Your Wharf account " + account.username() + " is locked. Ask an administrator to unlock it.");
        }
        List<String> groups = groups(person.getClaims().get(properties.groupsClaim()));
        teams.syncDirectoryGroups(account.id(), DirectorySource.OIDC, Set.copyOf(groups));
        return new LinkedAccount(account.id(), account.username(), groups);
    }

    /**
     * The name of the provider the account signs in through, for pages that explain it has no password of its
     * own; empty for an account with a password.
     */
    @Transactional(readOnly = true)
    public Optional<String> providerOf(long accountId) {
        return identities.findByAccountId(accountId).isEmpty() ? Optional.empty() : Optional.of(properties.displayName());
    }

    private Account createAndLink(OidcUser person, String issuer, String subject) {
        String provider = properties.displayName();
        Object nameClaim = person.getClaims().get(properties.usernameClaim());
        if (!(nameClaim instanceof String name) || name.isBlank()) {
            throw refused(provider + " sent no \"" + properties.usernameClaim() + "\" claim to name your new Wharf"
                    + " account. Ask your administrator to set wharf.index.oidc.username-claim to a claim it sends.");
        }
        String username = name.trim().toLowerCase(Locale.ROOT);
        if (person.getEmail() == null || person.getEmail().isBlank()) {
            throw refused(provider + " sent no email address for your new Wharf account. Ask your administrator to"
                    + " let Wharf read it (the \"email\" scope).");
        }
        Account account;
        try {
            account = accountService.createDirectoryAccount(username, person.getEmail().trim(),
                    Boolean.TRUE.equals(person.getEmailVerified()), DIRECTORY);
        } catch (ApiException refused) {
            throw refused("Wharf cannot create the account \"" + username + "\" for your " + provider + " sign-in: "
                    + refused.getMessage().replaceFirst("\\.$", "") + ". An existing Wharf account is never joined"
                    + " with a sign-in through " + provider + " on its own; ask an administrator to rename or delete"
                    + " the account in the way.");
        }
        identities.link(account.id(), issuer, subject, clock.instant());
        audit.record(DIRECTORY, "account.external-identity-linked", AuditTarget.account(username), Map.of(),
                Map.of("issuer", issuer, "subject", subject));
        return account;
    }

    /** The groups claim as names: the values of a list, or the one value; blank and repeated ones left out. */
    static List<String> groups(Object claim) {
        Stream<?> values = claim instanceof Collection<?> many ? many.stream() : Stream.ofNullable(claim);
        return values.filter(Objects::nonNull)
                .map(value -> value.toString().trim())
                .filter(group -> !group.isEmpty())
                .distinct()
                .toList();
    }

    private static OAuth2AuthenticationException refused(String reason) {
        return new OAuth2AuthenticationException(new OAuth2Error(ACCOUNT_REFUSED, reason, null), reason);
    }

    /** The account a sign-in is for, with the groups the provider listed for the person. */
    public record LinkedAccount(long accountId, String username, List<String> groups) {
    }
}
