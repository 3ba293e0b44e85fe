package io.wharf.index.namespace;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code namespace} table. */
@Repository
public class Namespaces {

    private static final RowMapper<Namespace> ROWS = (row, number) ->
            new Namespace(row.getString("name"), NamespaceKind.valueOf(row.getString("kind")));

    private final JdbcClient database;

    Namespaces(JdbcClient database) {
        this.database = database;
    }

    public Optional<Namespace> findById(String name) {
        return database.sql("SELECT * FROM namespace WHERE name = ?").param(name).query(ROWS).optional();
    }

    public boolean existsById(String name) {
        return findById(name).isPresent();
    }

    public List<Namespace> findAllById(Collection<String> names) {
        return names.isEmpty() ? List.of()
                : database.sql("SELECT * FROM namespace WHERE name IN (:names)").param("names", names)
                        .query(ROWS).list();
    }

    /** Inserts the namespace; a name taken meanwhile fails on the primary key. */
    public Namespace save(Namespace namespace) {
        database.sql("INSERT INTO namespace (name, kind) VALUES (?, ?)")
                .params(namespace.name(), namespace.kind().name()).update();
        return namespace;
    }

    public void deleteById(String name) {
        database.sql("DELETE FROM namespace WHERE name = ?").param(name).update();
    }
}
