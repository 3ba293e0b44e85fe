package io.wharf.registry.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Updates rows of one repository named by a list of keys: one statement per key, in one JDBC batch. H2 uses an IN
 * list only on an index's first column, so {@code repository_id = :id and digest in (…)} read every row of the
 * repository there; {@code digest = :digest} reads one row, on H2 and PostgreSQL alike.
 */
public final class PerKeyUpdates {

    private PerKeyUpdates() {
    }

    /**
     * Runs {@code sql} once per key, bound to {@code keyParameter}, the keys sorted so that two transactions
     * updating the same rows lock them in the same order and never deadlock; returns how many rows changed.
     */
    public static int update(NamedParameterJdbcOperations jdbc, String sql, Map<String, ?> shared,
            String keyParameter, Collection<String> keys) {
        SqlParameterSource[] perKey = keys.stream().sorted()
                .map(key -> new MapSqlParameterSource(shared).addValue(keyParameter, key))
                .toArray(SqlParameterSource[]::new);
        return Arrays.stream(jdbc.batchUpdate(sql, perKey)).sum();
    }
}
