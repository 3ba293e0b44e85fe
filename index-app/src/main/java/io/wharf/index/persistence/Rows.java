package io.wharf.index.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** What the index's tables share in reading and writing rows: timestamps, nullable columns and generated ids. */
public final class Rows {

    private Rows() {
    }

    /** An instant as a {@code TIMESTAMP WITH TIME ZONE} parameter, in UTC; null stays null. */
    public static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column; null when the column is. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A nullable {@code BIGINT} column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** Runs {@code insert} into a table whose {@code id} is an identity column and returns the new row's id. */
    public static long insert(JdbcClient.StatementSpec insert) {
        KeyHolder key = new GeneratedKeyHolder();
        // Named: without a column, PostgreSQL's driver returns every column of the row as keys.
        insert.update(key, "id");
        return key.getKey().longValue();
    }
}
