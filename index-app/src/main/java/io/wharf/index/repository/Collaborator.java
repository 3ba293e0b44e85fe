package io.wharf.index.repository;

import io.wharf.index.account.Account;
import io.wharf.index.account.RoleGrant;
import io.wharf.index.role.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user given a role on one repository outside their own namespaces. */
@Entity
@Table(name = "collaborator")
public class Collaborator extends RoleGrant {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "repository_id", updatable = false)
    private ImageRepository repository;

    protected Collaborator() {
    }

    public Collaborator(ImageRepository repository, Account account, Role role, Instant createdAt) {
        super(account, role, createdAt);
        this.repository = repository;
    }
}
