package io.wharf.index.directory;

import io.wharf.index.account.Account;
import io.wharf.index.account.AccountService;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.team.DirectorySource;
import io.wharf.index.team.TeamMembershipSync;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs in the users of an LDAP directory ({@code wharf.index.ldap}). A directory user gets a Wharf account of the
 * same name at their first sign-in, and joins and leaves the organizations' teams as their directory groups say at
 * every sign-in and every check ({@link #stillAllowed}). A user the directory disables (see {@link LdapDirectory#disabled})
 * or no longer has signs in no more and gets no more tokens, from the first check after
 * {@code wharf.index.ldap.recheck-after}.
 */
@Service
@Transactional
public class LdapSignIn {

    /** Who makes the accounts and team changes of directory sign-ins, in the audit log. */
    private static final AuditActor DIRECTORY = TeamMembershipSync.actor(DirectorySource.LDAP);

    private final Optional<LdapDirectory> directory;
    private final LdapAccounts ldapAccounts;
    private final Accounts accounts;
    private final AccountService accountService;
    private final TeamMembershipSync teams;
    private final LdapProperties properties;
    private final Clock clock;

    public LdapSignIn(LdapProperties properties, LdapAccounts ldapAccounts, Accounts accounts,
            AccountService accountService, TeamMembershipSync teams, Clock clock) {
        this.directory = properties.enabled() ? Optional.of(new LdapDirectory(properties)) : Optional.empty();
        this.ldapAccounts = ldapAccounts;
        this.accounts = accounts;
        this.accountService = accountService;
        this.teams = teams;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether a sign-in with this name goes to the directory: the account is a directory account, or none exists. */
    @Transactional(readOnly = true)
    public boolean signsIn(Optional<Account> account) {
        return account.map(found -> ldapAccounts.existsById(found.id())).orElse(directory.isPresent());
    }

    /**
     * The directory user's account, created at their first sign-in, when the directory accepts the name and password.
     *
     * @throws DirectoryRefusal when the password is right but the user may not sign in (the message says why)
     * @throws DirectoryUnavailableException when the directory did not answer in time
     */
    public Optional<Account> signIn(String name, String password) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Optional<DirectoryUser> user = directory.get().find(name)
                .filter(found -> directory.get().passwordMatches(found, password));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Set<String> groups = directory.get().groupsOf(user.get());
        if (directory.get().disabled(user.get(), groups)) {
            throw new DirectoryRefusal("your directory account is disabled: ask your directory's administrators");
        }
        Account account = accounts.findByUsername(user.get().username())
                .map(existing -> requireDirectoryAccount(existing))
                .orElseGet(() -> create(user.get()));
        synchronize(account, groups);
        return Optional.of(account);
    }

    /**
     * Refuses, with the reason, a directory user whose name a local account holds, once the directory accepted the
     * password; anything else (a wrong password, a directory that does not answer) changes nothing.
     */
    @Transactional(readOnly = true)
    public void refuseDirectoryUserOfLocalName(String name, String password) {
        try {
            directory.flatMap(ldap -> ldap.find(name).filter(found -> ldap.passwordMatches(found, password)))
                    .ifPresent(user -> {
                        throw localAccountClash(user.username());
                    });
        } catch (DirectoryUnavailableException unanswered) {
            // The local account's own refusal stands.
        }
    }

    /**
     * Whether the account may still sign in and use tokens: always for a local account; for a directory account,
     * when the directory confirmed it within {@code recheck-after} or confirms it now (and then updates its teams).
     */
    public boolean stillAllowed(Account account) {
        Optional<LdapAccount> checked = ldapAccounts.findById(account.id());
        if (checked.isEmpty()) {
            return true;
        }
        if (directory.isEmpty()) {
            return false;
        }
        if (clock.instant().isBefore(checked.get().checkedAt().plus(properties.recheckAfter()))) {
            return true;
        }
        Optional<DirectoryUser> user = directory.get().find(account.username());
        if (user.isEmpty()) {
            return false;
        }
        Set<String> groups = directory.get().groupsOf(user.get());
        if (directory.get().disabled(user.get(), groups)) {
            return false;
        }
        synchronize(account, groups);
        return true;
    }

    private void synchronize(Account account, Set<String> groups) {
        teams.syncDirectoryGroups(account.id(), DirectorySource.LDAP, groups);
        Instant now = clock.instant();
        ldapAccounts.findById(account.id()).ifPresentOrElse(
                checked -> ldapAccounts.checked(account.id(), now),
                () -> ldapAccounts.save(new LdapAccount(account.id(), now)));
    }

    private Account requireDirectoryAccount(Account account) {
        if (!ldapAccounts.existsById(account.id())) {
            throw localAccountClash(account.username());
        }
        return account;
    }

    private Account create(DirectoryUser user) {
        if (!NamespaceNames.isValid(user.username())) {
            throw new DirectoryRefusal("your directory name " + user.username() + " cannot name a Wharf account (it "
                    + NamespaceNames.RULE_DESCRIPTION + "): ask an administrator of this registry");
        }
        String email = user.email() == null || user.email().isBlank()
                ? user.username() + "@directory.invalid"
                : user.email();
        try {
            return accountService.createDirectoryAccount(user.username(), email, true, DIRECTORY);
        } catch (ApiException refused) {
            throw new DirectoryRefusal("no Wharf account can be made for your directory account " + user.username()
                    + ": " + refused.getMessage() + " Ask an administrator of this registry.");
        }
    }

    private static DirectoryRefusal localAccountClash(String username) {
        return new DirectoryRefusal("a local Wharf account is named " + username + " too, so your directory account "
                + "cannot sign in: sign in with that account's own password, or ask an administrator of this registry "
                + "to rename or delete it");
    }
}
