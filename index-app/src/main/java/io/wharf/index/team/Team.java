package io.wharf.index.team;

import io.wharf.index.org.Organization;
import io.wharf.index.role.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A named group of accounts in an organization, acting with one {@link Role} on the organization's repositories it
 * names ({@link TeamRepository}) or on all of them. A team that names a {@link DirectoryGroup} is filled from it.
 */
@Entity
@Table(name = "team")
public class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id", updatable = false)
    private Organization organization;

    @Column(nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "all_repositories", nullable = false)
    private boolean allRepositories;

    @Enumerated(EnumType.STRING)
    @Column(name = "directory_source")
    private DirectorySource directorySource;

    @Column(name = "directory_group")
    private String directoryGroup;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Team() {
    }

    public Team(Organization organization, String name, Role role, boolean allRepositories, Instant createdAt) {
        this.organization = organization;
        this.name = name;
        this.role = role;
        this.allRepositories = allRepositories;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public Organization organization() {
        return organization;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public boolean allRepositories() {
        return allRepositories;
    }

    public Optional<DirectoryGroup> directoryGroup() {
        return directorySource == null ? Optional.empty() : Optional.of(new DirectoryGroup(directorySource, directoryGroup));
    }

    public Instant createdAt() {
        return createdAt;
    }

    void setRole(Role role) {
        this.role = role;
    }

    void setAllRepositories(boolean allRepositories) {
        this.allRepositories = allRepositories;
    }

    void setDirectoryGroup(Optional<DirectoryGroup> group) {
        this.directorySource = group.map(DirectoryGroup::source).orElse(null);
        this.directoryGroup = group.map(DirectoryGroup::group).orElse(null);
    }
}
