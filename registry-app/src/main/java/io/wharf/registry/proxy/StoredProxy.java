package io.wharf.registry.proxy;

import io.wharf.contract.proxy.ProxyNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/**
 * A row of {@code proxy}: one pull-through cache ({@code upstream} without a trailing slash). The password stays
 * sealed until the upstream asks for it.
 */
record StoredProxy(String name, String upstream, String username, String sealedPassword,
        long revalidateAfterSeconds, List<String> include, List<String> exclude, long sizeLimitBytes,
        boolean mirror) {

    static final String COLUMNS = "name, upstream, username, sealed_password, revalidate_after_seconds,"
            + " include_globs, exclude_globs, size_limit_bytes, mirror";

    static final RowMapper<StoredProxy> ROW = StoredProxy::read;

    private static StoredProxy read(ResultSet row, int number) throws SQLException {
        return new StoredProxy(row.getString("name"), row.getString("upstream"), row.getString("username"),
                row.getString("sealed_password"), row.getLong("revalidate_after_seconds"),
                globs(row.getString("include_globs")), globs(row.getString("exclude_globs")),
                row.getLong("size_limit_bytes"), row.getBoolean("mirror"));
    }

    /** Globs are stored one per line. */
    static String joinGlobs(List<String> globs) {
        return String.join("\n", globs);
    }

    private static List<String> globs(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }

    boolean hasCredentials() {
        return username != null && sealedPassword != null;
    }

    Duration revalidateAfter() {
        return Duration.ofSeconds(revalidateAfterSeconds);
    }

    boolean allows(String upstreamRepository) {
        return ProxyNames.allows(include, exclude, upstreamRepository);
    }

    /** The actor of the events of content this cache stores. */
    String actor() {
        return "proxy:" + name;
    }
}
