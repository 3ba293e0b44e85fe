package io.wharf.index.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A repository a team acts on with its role. The repository is held by id: repositories are above teams (the
 * permission decision reads teams), and the database drops the row with the repository.
 */
@Entity
@Table(name = "team_repository")
public class TeamRepository extends TeamRow {

    @Column(name = "repository_id", nullable = false, updatable = false)
    private long repositoryId;

    protected TeamRepository() {
    }

    public TeamRepository(Team team, long repositoryId) {
        super(team);
        this.repositoryId = repositoryId;
    }

    public long repositoryId() {
        return repositoryId;
    }
}
