package io.wharf.index.persistence;

import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages of a query, in SQL both H2 and PostgreSQL read ({@code LIMIT ... OFFSET ...}); the query orders its rows
 * itself.
 */
public final class Pages {

    private static final String TOTAL_COLUMN = "total_rows";

    /** The column a {@link #countedPage} query selects: how many rows it has in all, before its page is cut. */
    public static final String TOTAL = "COUNT(*) OVER () AS " + TOTAL_COLUMN;

    private Pages() {
    }

    /** The page of {@code query}'s rows; {@code total} counts them all, asked only when the page does not tell. */
    public static <T> Page<T> page(String query, Pageable pageable, ParameterBinding binding, RowMapper<T> rows,
            LongSupplier total) {
        List<T> content = binding.bind(limited(query, pageable, pageable.getPageSize())).query(rows).list();
        return PageableExecutionUtils.getPage(content, pageable, total);
    }

    /**
     * The page of {@code query}'s rows, where {@code query} selects {@link #TOTAL} too: the rows are counted in the same
     * reading as the page, where a count query would find every match a second time. {@code total} counts them only
     * past the last page, which has no row to tell.
     */
    public static <T> Page<T> countedPage(String query, Pageable pageable, ParameterBinding binding,
            RowMapper<T> rows, LongSupplier total) {
        long[] counted = {-1};
        List<T> content = binding.bind(limited(query, pageable, pageable.getPageSize())).query((row, number) -> {
            counted[0] = row.getLong(TOTAL_COLUMN);
            return rows.mapRow(row, number);
        }).list();
        return PageableExecutionUtils.getPage(content, pageable,
                () -> counted[0] >= 0 ? counted[0] : total.getAsLong());
    }

    private static String limited(String query, Pageable pageable, int limit) {
        return query + " LIMIT " + limit + " OFFSET " + pageable.getOffset();
    }

    /** Binds a query's parameters. */
    @FunctionalInterface
    public interface ParameterBinding {
        JdbcClient.StatementSpec bind(String sql);
    }
}
