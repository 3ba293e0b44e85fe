package io.wharf.index.team;

import io.wharf.index.org.Organization;
import io.wharf.index.role.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * A named group of accounts in an organization, acting with one {@link Role} on the organization's repositories it
 * names ({@link TeamRepository}) or on all of them. A team that names a {@link DirectoryGroup} is filled from it.
 */
public class Team {

    private Long id;
    private Organization organization;
    private String name;
    private Role role;
    private boolean allRepositories;
    private DirectorySource directorySource;
    private String directoryGroup;
    private Instant createdAt;

    Team(long id, Organization organization, String name, Role role, boolean allRepositories,
            Optional<DirectoryGroup> group, Instant createdAt) {
        this(organization, name, role, allRepositories, createdAt);
        this.id = id;
        setDirectoryGroup(group);
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
