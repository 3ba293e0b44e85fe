package io.wharf.index.accountdeletion;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.org.Membership;
import io.wharf.index.org.Memberships;
import io.wharf.index.org.Organization;
import io.wharf.index.repository.RepositoryListingChanged;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.role.Role;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators delete a user account with everything that only exists for it: memberships, collaborator
 * grants, stars, access tokens, the robots of its namespace, Docker logins, remembered web logins, mail links, links to
 * an OpenID Connect provider and sign-in throttle rows, then the account and its namespace, so that the name is free to sign up again with
 * nothing carried over. Its web sessions end at their next request, as the account is gone. Repositories are
 * never deleted implicitly: their images live in the registry, and their owner deletes them first. A service above
 * the domain, since it reads and clears the tables of accounts, organizations, repositories and tokens alike.
 */
@Service
@Transactional
public class AccountDeletionService {

    /** What references the account by id, by its namespace or by its name, children before parents. */
    private static final List<String> DELETIONS = List.of(
            """
            DELETE FROM refresh_token WHERE account_id = :id OR access_token_id IN (
                SELECT t.id FROM access_token t WHERE t.account_id = :id
                    OR t.robot_id IN (SELECT r.id FROM robot r WHERE r.namespace = :name))""",
            """
            DELETE FROM access_token WHERE account_id = :id
                OR robot_id IN (SELECT r.id FROM robot r WHERE r.namespace = :name)""",
            "DELETE FROM robot_permission WHERE robot_id IN (SELECT r.id FROM robot r WHERE r.namespace = :name)",
            "DELETE FROM robot WHERE namespace = :name",
            "DELETE FROM membership WHERE account_id = :id",
            "DELETE FROM collaborator WHERE account_id = :id",
            "DELETE FROM star WHERE account_id = :id",
            "DELETE FROM mail_token WHERE account_id = :id",
            "DELETE FROM external_identity WHERE account_id = :id",
            "DELETE FROM persistent_logins WHERE username = :name",
            // The throttle keys names in lower case; usernames are lower case already.
            "DELETE FROM sign_in_failure WHERE account_name = :name",
            "DELETE FROM account WHERE id = :id",
            "DELETE FROM namespace WHERE name = :name");

    private final Accounts accounts;
    private final Memberships memberships;
    private final JdbcClient database;
    private final AuditTrail auditTrail;
    private final ApplicationEventPublisher publisher;

    public AccountDeletionService(Accounts accounts, Memberships memberships, JdbcClient database,
            AuditTrail auditTrail, ApplicationEventPublisher publisher) {
        this.auditTrail = auditTrail;
        this.publisher = publisher;
        this.accounts = accounts;
        this.memberships = memberships;
        this.database = database;
    }

    public void delete(Requester requester, String username) {
        Requesters.requireAdministrator(requester);
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("no user is named " + username));
        requireDeletable(requester, account);
        auditTrail.record(requester, "account.deleted", AuditTarget.account(username),
                Map.of("email", account.email(), "administrator", account.administrator()), Map.of());
        for (String deletion : DELETIONS) {
            database.sql(deletion).param("id", account.id()).param("name", account.username()).update();
        }
        // Its stars are gone from the repositories' counts.
        publisher.publishEvent(new RepositoryListingChanged());
    }

    private void requireDeletable(Requester requester, Account account) {
        String name = account.username();
        if (name.equals(requester.name())) {
            throw ApiException.conflict("Administrators cannot delete their own account; ask another administrator.");
        }
        if (account.administrator() && !otherAdministratorExists(account)) {
            throw ApiException.conflict(name + " is the last administrator; make another account an administrator first.");
        }
        long repositories = database.sql("SELECT COUNT(*) FROM repository WHERE namespace = :name")
                .param("name", name).query(Long.class).single();
        if (repositories > 0) {
            throw ApiException.conflict(name + " still has " + repositories
                    + (repositories == 1 ? " repository" : " repositories") + " in the namespace " + name
                    + "; delete " + (repositories == 1 ? "it" : "them")
                    + " first (in each repository's settings), which also deletes the images in the registry.");
        }
        List<String> soleAdministrated = memberships.findByAccountIdOrderByOrganizationName(account.id()).stream()
                .filter(membership -> membership.role() == Role.ADMIN)
                .filter(membership -> memberships.countByOrganizationIdAndRole(
                        membership.organization().id(), Role.ADMIN) == 1)
                .map(Membership::organization)
                .map(Organization::name)
                .toList();
        if (!soleAdministrated.isEmpty()) {
            throw ApiException.conflict(name + " is the last admin of the organization"
                    + (soleAdministrated.size() == 1 ? " " : "s ") + String.join(", ", soleAdministrated)
                    + "; make another member an admin there first.");
        }
    }

    private boolean otherAdministratorExists(Account account) {
        return database.sql("SELECT COUNT(*) FROM account WHERE administrator = TRUE AND id <> :id")
                .param("id", account.id()).query(Long.class).single() > 0;
    }
}
