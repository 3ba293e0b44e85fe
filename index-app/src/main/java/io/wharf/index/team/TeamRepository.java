package io.wharf.index.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A repository a team acts on with its role. The repository is held by id: repositories are above teams (the
 * permission decision reads teams), and the database drops the row with the repository.
 */
@Entity
@Table(name = "team_repository")
public class TeamRepository {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id", updatable = false)
    private Team team;

    @Column(name = "repository_id", nullable = false, updatable = false)
    private long repositoryId;

    protected TeamRepository() {
    }

    public TeamRepository(Team team, long repositoryId) {
        this.team = team;
        this.repositoryId = repositoryId;
    }

    public Team team() {
        return team;
    }

    public long repositoryId() {
        return repositoryId;
    }
}
