package io.wharf.index.repository;

import io.wharf.index.registry.Platform;
import io.wharf.index.registry.TagTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tag of a repository as the registry last reported it: which manifest it points at, since when. */
@Entity
@Table(name = "image_tag")
public class ImageTag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "repository_id", updatable = false)
    private ImageRepository repository;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String digest;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    /** The manifest's own size in bytes (what push events carry), not the sum of its layers. */
    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private String platforms;

    /** When the registry made the tag point here; older reports about the tag are stale. */
    @Column(name = "pushed_at", nullable = false)
    private Instant pushedAt;

    /** Pulls that started by this tag, whatever it pointed at then. */
    @Column(name = "pull_count", nullable = false)
    private long pullCount;

    @Column(name = "last_pulled_at")
    private Instant lastPulledAt;

    protected ImageTag() {
    }

    public ImageTag(ImageRepository repository, String name, TagTarget target, Instant pushedAt) {
        this.repository = repository;
        this.name = name;
        point(target, pushedAt);
    }

    /** Makes the tag point at {@code target}, as the registry did at {@code at}. */
    public void point(TagTarget target, Instant at) {
        this.digest = target.digest();
        this.mediaType = target.mediaType();
        this.size = target.size();
        this.platforms = Platform.encode(target.platforms());
        this.pushedAt = at;
    }

    /** {@code count} more pulls started by this tag, the last of them at {@code lastAt}. */
    public void recordPulls(long count, Instant lastAt) {
        pullCount += count;
        if (lastAt != null && (lastPulledAt == null || lastAt.isAfter(lastPulledAt))) {
            lastPulledAt = lastAt;
        }
    }

    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public Instant pushedAt() {
        return pushedAt;
    }

    public long pullCount() {
        return pullCount;
    }

    /** When a pull last started by this tag; {@code null} if never. */
    public Instant lastPulledAt() {
        return lastPulledAt;
    }

    public TagTarget target() {
        return new TagTarget(digest, mediaType, size, Platform.decode(platforms));
    }

    /** Whether a report made at {@code at} is at least as new as what the tag records. */
    public boolean isNotNewerThan(Instant at) {
        return !pushedAt.isAfter(at);
    }
}
