package io.wharf.index.accesstoken;

import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code robot_permission} table, read with each repository's name. */
@Repository
public class RobotPermissions {

    private static final String SELECT = """
            SELECT p.robot_id, p.repository_id, p.role, r.namespace, r.name
            FROM robot_permission p JOIN repository r ON r.id = p.repository_id
            """;

    private static final RowMapper<RobotPermission> ROWS = (row, number) -> new RobotPermission(row.getLong("robot_id"),
            row.getLong("repository_id"), new RepositoryPath(row.getString("namespace"), row.getString("name")),
            Role.valueOf(row.getString("role")));

    private final JdbcClient database;

    RobotPermissions(JdbcClient database) {
        this.database = database;
    }

    public Optional<RobotPermission> findByRobotIdAndRepositoryId(long robotId, long repositoryId) {
        return database.sql(SELECT + "WHERE p.robot_id = ? AND p.repository_id = ?").params(robotId, repositoryId)
                .query(ROWS).optional();
    }

    List<RobotPermission> findByRobotId(long robotId) {
        return database.sql(SELECT + "WHERE p.robot_id = ?").param(robotId).query(ROWS).list();
    }

    void saveAll(List<RobotPermission> permissions) {
        permissions.forEach(permission -> database.sql(
                        "INSERT INTO robot_permission (robot_id, repository_id, role) VALUES (?, ?, ?)")
                .params(permission.robotId(), permission.repositoryId(), permission.role().name()).update());
    }

    void deleteByRobotId(long robotId) {
        database.sql("DELETE FROM robot_permission WHERE robot_id = ?").param(robotId).update();
    }

    public void deleteByRepositoryId(long repositoryId) {
        database.sql("DELETE FROM robot_permission WHERE repository_id = ?").param(repositoryId).update();
    }
}
