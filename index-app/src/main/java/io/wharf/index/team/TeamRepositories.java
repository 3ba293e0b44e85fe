package io.wharf.index.team;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code team_repository} table. */
@Repository
public class TeamRepositories {

    private final JdbcClient database;

    TeamRepositories(JdbcClient database) {
        this.database = database;
    }

    List<TeamRepository> findByTeamId(long teamId) {
        return database.sql("SELECT team_id, repository_id FROM team_repository WHERE team_id = ?").param(teamId)
                .query((row, number) -> new TeamRepository(row.getLong("team_id"), row.getLong("repository_id")))
                .list();
    }

    void save(TeamRepository teamRepository) {
        database.sql("INSERT INTO team_repository (team_id, repository_id) VALUES (?, ?)")
                .params(teamRepository.teamId(), teamRepository.repositoryId()).update();
    }

    void deleteByTeamId(long teamId) {
        database.sql("DELETE FROM team_repository WHERE team_id = ?").param(teamId).update();
    }
}
