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

/**
 * A repository known to the index: its place in a namespace, who may see it, how its admins describe it,
 * and what the registry reported pushing to it.
 */
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

    /** Plain text, one line, shown in search results. */
    @Column(name = "short_description", nullable = false)
    private String shortDescription = "";

    /** Markdown, stored as written; rendering (and sanitizing) is the web UI's business. */
    @Column(name = "full_description", nullable = false)
    private String fullDescription = "";

    @Column(name = "last_pushed_at")
    private Instant lastPushedAt;

    /** Tag pushes, as the registry reported them. */
    @Column(name = "push_count", nullable = false)
    private long pushCount;

    /** Stays 0 until the registry sends pull events. */
    @Column(name = "pull_count", nullable = false)
    private long pullCount;

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

    public String shortDescription() {
        return shortDescription;
    }

    public String fullDescription() {
        return fullDescription;
    }

    public Instant lastPushedAt() {
        return lastPushedAt;
    }

    public long pushCount() {
        return pushCount;
    }

    public long pullCount() {
        return pullCount;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public void setShortDescription(String shortDescription) {
        this.shortDescription = shortDescription;
    }

    public void setFullDescription(String fullDescription) {
        this.fullDescription = fullDescription;
    }

    /** Content arrived at {@code at}; a tag push also counts as a push. */
    public void recordPulls(long count) {
        pullCount += count;
    }

    public void recordPush(Instant at, boolean tagged) {
        if (lastPushedAt == null || at.isAfter(lastPushedAt)) {
            lastPushedAt = at;
        }
        if (tagged) {
            pushCount++;
        }
    }
}
