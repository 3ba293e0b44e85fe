package io.wharf.registry.blob;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A repository's link to a blob: the repository may serve it and others may mount it from there. */
@Entity
@Table(name = "repository_blob")
public class RepositoryBlob {

    @EmbeddedId
    private Key id;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected RepositoryBlob() {
    }

    public RepositoryBlob(long repositoryId, String digest, Instant linkedAt) {
        this.id = new Key(repositoryId, digest);
        this.linkedAt = linkedAt;
    }

    public Key id() {
        return id;
    }

    @Embeddable
    public record Key(@Column(name = "repository_id") Long repositoryId, @Column(name = "digest") String digest)
            implements Serializable {
    }
}
