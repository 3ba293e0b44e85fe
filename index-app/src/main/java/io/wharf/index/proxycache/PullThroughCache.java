package io.wharf.index.proxycache;

import io.wharf.index.repository.Visibility;
import io.wharf.index.persistence.Rows;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * What the index keeps of a pull-through cache, whose definition the registry holds: who may pull through it, whether
 * it serves the engine mirror path, and its upstream, which refusals name without asking the registry.
 */
public class PullThroughCache {

    static final RowMapper<PullThroughCache> ROWS = (row, number) -> {
        PullThroughCache cache = new PullThroughCache(row.getString("name"), Rows.instant(row, "created_at"));
        cache.apply(row.getString("upstream"), Visibility.valueOf(row.getString("visibility")),
                row.getBoolean("mirror"));
        return cache;
    };

    private String name;
    private String upstream;
    private Visibility visibility;
    private boolean mirror;
    private Instant createdAt;

    PullThroughCache(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    public String upstream() {
        return upstream;
    }

    public Visibility visibility() {
        return visibility;
    }

    public boolean mirror() {
        return mirror;
    }

    Instant createdAt() {
        return createdAt;
    }

    void apply(String upstream, Visibility visibility, boolean mirror) {
        this.upstream = upstream;
        this.visibility = visibility;
        this.mirror = mirror;
    }
}
