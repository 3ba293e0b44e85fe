package io.wharf.index.proxycache;

import io.wharf.index.persistence.Rows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code pull_through_cache} table. */
@Repository
class PullThroughCaches {

    private final JdbcClient database;

    PullThroughCaches(JdbcClient database) {
        this.database = database;
    }

    Optional<PullThroughCache> findById(String name) {
        return database.sql("SELECT * FROM pull_through_cache WHERE name = ?").param(name).query(PullThroughCache.ROWS)
                .optional();
    }

    boolean existsById(String name) {
        return findById(name).isPresent();
    }

    List<PullThroughCache> findAllByOrderByNameAsc() {
        return database.sql("SELECT * FROM pull_through_cache ORDER BY name").query(PullThroughCache.ROWS).list();
    }

    Optional<PullThroughCache> findFirstByMirrorTrue() {
        return database.sql("SELECT * FROM pull_through_cache WHERE mirror = TRUE ORDER BY name LIMIT 1")
                .query(PullThroughCache.ROWS).optional();
    }

    /** Stops every other cache from serving the engine mirror path, which one cache at most serves. */
    void stopMirroringBut(String name) {
        database.sql("UPDATE pull_through_cache SET mirror = FALSE WHERE mirror = TRUE AND name <> ?").param(name)
                .update();
    }

    /** Writes the cache's settings, inserting it when new (its name is claimed as a namespace first). */
    void save(PullThroughCache cache) {
        int updated = database.sql("UPDATE pull_through_cache SET upstream = ?, visibility = ?, mirror = ? WHERE name = ?")
                .params(cache.upstream(), cache.visibility().name(), cache.mirror(), cache.name()).update();
        if (updated == 0) {
            database.sql("""
                            INSERT INTO pull_through_cache (name, upstream, visibility, mirror, created_at)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(cache.name(), cache.upstream(), cache.visibility().name(), cache.mirror(),
                            Rows.timestamp(cache.createdAt()))
                    .update();
        }
    }

    void delete(PullThroughCache cache) {
        database.sql("DELETE FROM pull_through_cache WHERE name = ?").param(cache.name()).update();
    }
}
