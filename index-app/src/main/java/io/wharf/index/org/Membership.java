package io.wharf.index.org;

import io.wharf.index.account.Account;
import io.wharf.index.account.RoleGrant;
import io.wharf.index.role.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's role in an organization. */
@Entity
@Table(name = "membership")
public class Membership extends RoleGrant {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id", updatable = false)
    private Organization organization;

    protected Membership() {
    }

    public Membership(Organization organization, Account account, Role role, Instant createdAt) {
        super(account, role, createdAt);
        this.organization = organization;
    }

    public Organization organization() {
        return organization;
    }
}
