package io.wharf.index.account;

import io.wharf.index.role.Role;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A role given to an account on something: an organization ({@code Membership}) or a repository
 * ({@link Collaborator}). Subclasses add what the role is on.
 */
@MappedSuperclass
public abstract class RoleGrant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", updatable = false)
    private Account account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected RoleGrant() {
    }

    protected RoleGrant(Account account, Role role, Instant createdAt) {
        this.account = account;
        this.role = role;
        this.createdAt = createdAt;
    }

    public Account account() {
        return account;
    }

    public Role role() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
