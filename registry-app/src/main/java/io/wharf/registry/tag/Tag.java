package io.wharf.registry.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A tag: a name in a repository pointing at one manifest. */
@Entity
@Table(name = "tag")
public class Tag {

    @EmbeddedId
    private Key id;

    @Column(name = "manifest_id", nullable = false)
    private long manifestId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Tag() {
    }

    public Tag(long repositoryId, String name, long manifestId, Instant updatedAt) {
        this.id = new Key(repositoryId, name);
        this.manifestId = manifestId;
        this.updatedAt = updatedAt;
    }

    public String name() {
        return id.name();
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long manifestId() {
        return manifestId;
    }

    public void pointTo(long manifestId, Instant at) {
        this.manifestId = manifestId;
        this.updatedAt = at;
    }

    @Embeddable
    public record Key(@Column(name = "repository_id") Long repositoryId, @Column(name = "name") String name)
            implements Serializable {
    }
}
