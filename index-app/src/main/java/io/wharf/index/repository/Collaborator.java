package io.wharf.index.repository;

import io.wharf.index.account.Account;
import io.wharf.index.account.RoleGrant;
import io.wharf.index.role.Role;
import java.time.Instant;

/** A user given a role on one repository outside their own namespaces. */
public class Collaborator extends RoleGrant {

    private final long repositoryId;

    Collaborator(Long id, long repositoryId, long accountId, String username, Role role, Instant createdAt) {
        super(id, accountId, username, role, createdAt);
        this.repositoryId = repositoryId;
    }

    public Collaborator(ImageRepository repository, Account account, Role role, Instant createdAt) {
        this(null, repository.id(), account.id(), account.username(), role, createdAt);
    }

    long repositoryId() {
        return repositoryId;
    }
}
