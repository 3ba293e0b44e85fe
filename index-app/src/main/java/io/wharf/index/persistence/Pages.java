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

    private Pages() {
    }

    /** The page of {@code query}'s rows; {@code total} counts them all, asked only when the page does not tell. */
    public static <T> Page<T> page(String query, Pageable pageable, ParameterBinding binding, RowMapper<T> rows,
            LongSupplier total) {
        List<T> content = binding.bind(limited(query, pageable, pageable.getPageSize())).query(rows).list();
        return PageableExecutionUtils.getPage(content, pageable, total);
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
