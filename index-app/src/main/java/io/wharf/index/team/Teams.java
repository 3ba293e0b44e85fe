package io.wharf.index.team;

import io.wharf.index.org.Organizations;
import io.wharf.index.persistence.Rows;
import io.wharf.index.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code team} table, read with each team's organization. A changed team is written by {@link #saveSettings}. */
@Repository
public class Teams {

    private static final String SELECT = """
            SELECT t.id, t.name, t.role, t.all_repositories, t.directory_source, t.directory_group, t.created_at,
            """ + Organizations.JOINED_COLUMNS + " FROM team t JOIN organization o ON o.id = t.organization_id ";

    private static final RowMapper<Team> ROWS = (row, number) -> {
        String source = row.getString("directory_source");
        Optional<DirectoryGroup> group = source == null ? Optional.empty()
                : Optional.of(new DirectoryGroup(DirectorySource.valueOf(source), row.getString("directory_group")));
        return new Team(row.getLong("id"), Organizations.JOINED.mapRow(row, number), row.getString("name"),
                Role.valueOf(row.getString("role")), row.getBoolean("all_repositories"), group,
                Rows.instant(row, "created_at"));
    };

    private final JdbcClient database;

    Teams(JdbcClient database) {
        this.database = database;
    }

    Optional<Team> findByOrganizationNameAndName(String organizationName, String name) {
        return database.sql(SELECT + "WHERE o.name = ? AND t.name = ?").params(organizationName, name)
                .query(ROWS).optional();
    }

    List<Team> findByOrganizationNameOrderByName(String organizationName) {
        return database.sql(SELECT + "WHERE o.name = ? ORDER BY t.name").param(organizationName).query(ROWS).list();
    }

    List<Team> findByDirectorySource(DirectorySource source) {
        return database.sql(SELECT + "WHERE t.directory_source = ?").param(source.name()).query(ROWS).list();
    }

    /** Inserts the team; one created meanwhile under the same name fails on {@code team_name_once}. */
    Team save(Team team) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO team (organization_id, name, role, all_repositories, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(team.organization().id(), team.name(), team.role().name(), team.allRepositories(),
                        Rows.timestamp(team.createdAt())));
        return new Team(id, team.organization(), team.name(), team.role(), team.allRepositories(),
                team.directoryGroup(), team.createdAt());
    }

    /** Writes the team's role, whether it acts on all repositories, and its directory group. */
    void saveSettings(Team team) {
        Optional<DirectoryGroup> group = team.directoryGroup();
        database.sql("""
                        UPDATE team SET role = ?, all_repositories = ?, directory_source = ?, directory_group = ?
                        WHERE id = ?""")
                .params(team.role().name(), team.allRepositories(),
                        group.map(DirectoryGroup::source).map(DirectorySource::name).orElse(null),
                        group.map(DirectoryGroup::group).orElse(null), team.id())
                .update();
    }

    /** Deletes the team; the database deletes its members and repositories with it. */
    void delete(Team team) {
        database.sql("DELETE FROM team WHERE id = ?").param(team.id()).update();
    }
}
