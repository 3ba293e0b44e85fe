package io.wharf.index.accesstoken;

import io.wharf.index.persistence.Rows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code robot} table. */
@Repository
public class Robots {

    private final JdbcClient database;

    Robots(JdbcClient database) {
        this.database = database;
    }

    Optional<Robot> findById(long id) {
        return database.sql("SELECT * FROM robot WHERE id = ?").param(id).query(Robot.ROWS).optional();
    }

    Optional<Robot> findByNamespaceAndName(String namespace, String name) {
        return database.sql("SELECT * FROM robot WHERE namespace = ? AND name = ?").params(namespace, name)
                .query(Robot.ROWS).optional();
    }

    List<Robot> findByNamespaceOrderByName(String namespace) {
        return database.sql("SELECT * FROM robot WHERE namespace = ? ORDER BY name").param(namespace)
                .query(Robot.ROWS).list();
    }

    public long count() {
        return database.sql("SELECT COUNT(*) FROM robot").query(Long.class).single();
    }

    /** Inserts the robot; one created meanwhile under the same name fails on {@code robot_name_once}. */
    Robot save(Robot robot) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO robot (namespace, name, description, created_at) VALUES (?, ?, ?, ?)""")
                .params(robot.namespace(), robot.name(), robot.description(), Rows.timestamp(robot.createdAt())));
        return robot.inserted(id);
    }

    void delete(Robot robot) {
        database.sql("DELETE FROM robot WHERE id = ?").param(robot.id()).update();
    }
}
