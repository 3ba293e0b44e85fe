package io.wharf.index.org;

import io.wharf.index.account.Account;
import io.wharf.index.account.RoleGrant;
import io.wharf.index.role.Role;
import java.time.Instant;

/** An account's role in an organization. */
public class Membership extends RoleGrant {

    private final Organization organization;

    Membership(Long id, Organization organization, long accountId, String username, Role role, Instant createdAt) {
        super(id, accountId, username, role, createdAt);
        this.organization = organization;
    }

    public Membership(Organization organization, Account account, Role role, Instant createdAt) {
        this(null, organization, account.id(), account.username(), role, createdAt);
    }

    public Organization organization() {
        return organization;
    }
}
