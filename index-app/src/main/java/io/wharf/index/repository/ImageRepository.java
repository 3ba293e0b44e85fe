package io.wharf.index.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A repository known to the index: its place in a namespace and who may see it. */
@Entity
@Table(name = "repository")
public class ImageRepository {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String namespace;

    /** The path below the namespace, which may itself contain slashes. */
    @Column(nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Visibility visibility;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ImageRepository() {
    }

    public ImageRepository(RepositoryPath path, Visibility visibility, Instant createdAt) {
        this.namespace = path.namespace();
        this.name = path.name();
        this.visibility = visibility;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public RepositoryPath path() {
        return new RepositoryPath(namespace, name);
    }

    public Visibility visibility() {
        return visibility;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }
}
