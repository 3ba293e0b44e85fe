package io.wharf.index.team;

import io.wharf.index.account.Account;
import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code team_member} table, read with each member's username. */
@Repository
public class TeamMembers {

    private static final String SELECT =
            "SELECT m.id, m.team_id, m.account_id, a.username FROM team_member m JOIN account a ON a.id = m.account_id ";

    private static final RowMapper<TeamMember> ROWS = (row, number) -> new TeamMember(row.getLong("id"),
            row.getLong("team_id"), row.getLong("account_id"), row.getString("username"));

    private final JdbcClient database;

    TeamMembers(JdbcClient database) {
        this.database = database;
    }

    Optional<TeamMember> findByTeamIdAndAccountId(long teamId, long accountId) {
        return database.sql(SELECT + "WHERE m.team_id = ? AND m.account_id = ?").params(teamId, accountId)
                .query(ROWS).optional();
    }

    List<TeamMember> findByTeamIdOrderByAccountUsername(long teamId) {
        return database.sql(SELECT + "WHERE m.team_id = ? ORDER BY a.username").param(teamId).query(ROWS).list();
    }

    /** Adds the account to the team; adding it twice at once fails on {@code team_member_once}. */
    void add(Team team, Account account, Instant at) {
        database.sql("INSERT INTO team_member (team_id, account_id, created_at) VALUES (?, ?, ?)")
                .params(team.id(), account.id(), Rows.timestamp(at)).update();
    }

    void delete(TeamMember member) {
        database.sql("DELETE FROM team_member WHERE id = ?").param(member.id()).update();
    }

    void deleteByTeamId(long teamId) {
        database.sql("DELETE FROM team_member WHERE team_id = ?").param(teamId).update();
    }
}
