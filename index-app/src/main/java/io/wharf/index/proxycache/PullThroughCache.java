package io.wharf.index.proxycache;

import io.wharf.index.repository.Visibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What the index keeps of a pull-through cache, whose definition the registry holds: who may pull through it, whether
 * it serves the engine mirror path, and its upstream, which refusals name without asking the registry.
 */
@Entity
@Table(name = "pull_through_cache")
public class PullThroughCache {

    @Id
    private String name;

    @Column(nullable = false)
    private String upstream;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Visibility visibility;

    @Column(nullable = false)
    private boolean mirror;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PullThroughCache() {
    }

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

    void apply(String upstream, Visibility visibility, boolean mirror) {
        this.upstream = upstream;
        this.visibility = visibility;
        this.mirror = mirror;
    }

    void stopMirroring() {
        this.mirror = false;
    }
}
