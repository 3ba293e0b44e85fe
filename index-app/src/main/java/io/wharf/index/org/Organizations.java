package io.wharf.index.org;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code organization} table. */
@Repository
public class Organizations {

    /** Reads an organization from the columns {@code organization_id}, {@code organization_name} and so on. */
    public static final RowMapper<Organization> JOINED = (row, number) -> new Organization(row.getLong("organization_id"),
            row.getString("organization_name"), Rows.instant(row, "organization_created_at"));

    /** Its columns under the names {@link #JOINED} reads, from the table named {@code o}. */
    public static final String JOINED_COLUMNS =
            "o.id AS organization_id, o.name AS organization_name, o.created_at AS organization_created_at";

    private final JdbcClient database;

    Organizations(JdbcClient database) {
        this.database = database;
    }

    public Optional<Organization> findByName(String name) {
        return database.sql("SELECT " + JOINED_COLUMNS + " FROM organization o WHERE o.name = ?").param(name)
                .query(JOINED).optional();
    }

    public List<Organization> findAllByOrderByName() {
        return database.sql("SELECT " + JOINED_COLUMNS + " FROM organization o ORDER BY o.name").query(JOINED).list();
    }

    public long count() {
        return database.sql("SELECT COUNT(*) FROM organization").query(Long.class).single();
    }

    /** Inserts an organization of the namespace {@code name}, which the caller claimed. */
    Organization create(String name, Instant createdAt) {
        long id = Rows.insert(database.sql("INSERT INTO organization (name, created_at) VALUES (?, ?)")
                .params(name, Rows.timestamp(createdAt)));
        return new Organization(id, name, createdAt);
    }
}
