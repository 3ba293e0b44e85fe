package io.wharf.registry.blob;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verified, content-addressed blob in storage. */
@Entity
@Table(name = "blob")
public class Blob {

    @Id
    private String digest;

    @Column(nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** When an upload or mount last claimed this blob: garbage collection leaves it alone for a grace period. */
    @Column(name = "touched_at", nullable = false)
    private Instant touchedAt;

    protected Blob() {
    }

    public Blob(String digest, long size, Instant createdAt) {
        this.digest = digest;
        this.size = size;
        this.createdAt = createdAt;
        this.touchedAt = createdAt;
    }

    public String digest() {
        return digest;
    }

    public long size() {
        return size;
    }
}
