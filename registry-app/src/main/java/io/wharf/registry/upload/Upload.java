package io.wharf.registry.upload;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A blob upload session. Its bytes live in storage, not here, so any replica can continue it and a
 * restart loses nothing: the stored data is the truth about how far the upload got.
 */
@Entity
@Table(name = "upload")
public class Upload {

    @Id
    private String id;

    @Column(name = "repository_name", nullable = false)
    private String repositoryName;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Set only by {@link Uploads}' conditional updates: which request may append now, and until when. */
    @Column(name = "append_lease_until")
    private Instant appendLeaseUntil;

    @Column(name = "append_lease_owner")
    private String appendLeaseOwner;

    protected Upload() {
    }

    public Upload(String id, String repositoryName, Instant startedAt) {
        this.id = id;
        this.repositoryName = repositoryName;
        this.startedAt = startedAt;
        this.updatedAt = startedAt;
    }

    public String id() {
        return id;
    }

    public String repositoryName() {
        return repositoryName;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
