package io.wharf.registry.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in the {@code timestamp with time zone} columns, bound and read as {@link OffsetDateTime} (what both the
 * H2 and the PostgreSQL driver map that type to; neither binds an {@link Instant} portably).
 */
public final class SqlTimestamps {

    private SqlTimestamps() {
    }

    /**
     * The value to bind: in UTC, cut to the columns' microseconds, so that what is stored is exactly this value (the
     * databases would round finer digits) and a later comparison with {@code =} against it holds.
     */
    public static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
