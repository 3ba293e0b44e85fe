package io.wharf.index.team;

import io.wharf.index.role.Role;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The roles an account's teams give it, as the permission decision reads them. */
@Repository
public class TeamRoles {

    private static final String ROLES_IN_ORGANIZATION = """
            SELECT t.role FROM team_member m JOIN team t ON t.id = m.team_id
                JOIN organization o ON o.id = t.organization_id
            WHERE m.account_id = ? AND o.name = ?
            """;

    private final JdbcClient database;

    TeamRoles(JdbcClient database) {
        this.database = database;
    }

    /** The roles of the account's teams in the organization that act on all of its repositories. */
    public List<Role> onAllRepositories(long accountId, String organization) {
        return database.sql(ROLES_IN_ORGANIZATION + "AND t.all_repositories = TRUE").params(accountId, organization)
                .query(String.class).list().stream().map(Role::valueOf).toList();
    }

    /** The roles of the account's teams that act on the repository (of the organization), by name or as all. */
    public List<Role> onRepository(long accountId, String organization, long repositoryId) {
        return database.sql(ROLES_IN_ORGANIZATION + """
                        AND (t.all_repositories = TRUE
                             OR EXISTS (SELECT 1 FROM team_repository r WHERE r.team_id = t.id AND r.repository_id = ?))""")
                .params(accountId, organization, repositoryId)
                .query(String.class).list().stream().map(Role::valueOf).toList();
    }
}
