package io.wharf.registry.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Inserts into tables whose {@code id} is an identity column. */
public final class GeneratedIds {

    private GeneratedIds() {
    }

    /** Runs {@code insert} and returns the id the database gave the new row. */
    public static long insert(JdbcClient.StatementSpec insert) {
        KeyHolder key = new GeneratedKeyHolder();
        // Named: without a column, PostgreSQL's driver returns every column of the row as keys.
        insert.update(key, "id");
        return key.getKey().longValue();
    }
}
