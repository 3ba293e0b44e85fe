package io.wharf.index.account;

import io.wharf.index.role.Role;
import java.time.Instant;

/**
 * A role given to an account on something: an organization ({@code Membership}) or a repository
 * ({@code Collaborator}). Subclasses add what the role is on; a changed role is written by the table's
 * {@code saveRole}.
 */
public abstract class RoleGrant {

    private final Long id;
    private final long accountId;
    private final String username;
    private Role role;
    private final Instant createdAt;

    /** A grant read from its table (id set) or about to be inserted (id null). */
    protected RoleGrant(Long id, long accountId, String username, Role role, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.username = username;
        this.role = role;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    /** The account's username. */
    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
