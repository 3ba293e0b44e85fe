package io.wharf.registry.manifest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A manifest in a repository, kept in the exact bytes the client pushed. */
@Entity
@Table(name = "manifest")
public class Manifest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "repository_id", nullable = false)
    private long repositoryId;

    @Column(nullable = false)
    private String digest;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    /** The artifact type the referrers API reports (see {@link ParsedManifest#artifactType()}). */
    @Column(name = "artifact_type")
    private String artifactType;

    @Column(name = "subject_digest")
    private String subjectDigest;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private byte[] payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** When a push last named this manifest: the untagged-manifest policy measures its age from here. */
    @Column(name = "touched_at", nullable = false)
    private Instant touchedAt;

    protected Manifest() {
    }

    public Manifest(long repositoryId, String digest, ParsedManifest parsed, byte[] payload, Instant createdAt) {
        this.repositoryId = repositoryId;
        this.digest = digest;
        this.mediaType = parsed.mediaType();
        this.artifactType = parsed.artifactType().orElse(null);
        this.subjectDigest = parsed.subject().map(subject -> subject.digest().toString()).orElse(null);
        this.size = payload.length;
        this.payload = payload;
        this.createdAt = createdAt;
        this.touchedAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long repositoryId() {
        return repositoryId;
    }

    public String digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }

    public String artifactType() {
        return artifactType;
    }

    public String subjectDigest() {
        return subjectDigest;
    }

    public long size() {
        return size;
    }

    public byte[] payload() {
        return payload;
    }
}
