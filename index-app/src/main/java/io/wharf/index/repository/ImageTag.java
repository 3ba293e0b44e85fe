package io.wharf.index.repository;

import io.wharf.index.registry.Platform;
import io.wharf.index.registry.TagTarget;
import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** A tag of a repository as the registry last reported it: which manifest it points at, since when. */
public class ImageTag {

    static final RowMapper<ImageTag> ROWS = ImageTag::read;

    private Long id;
    private long repositoryId;
    private String name;
    private String digest;
    private String mediaType;

    /** The manifest's own size in bytes (what push events carry), not the sum of its layers. */
    private long size;
    private String platforms;

    /** When the registry made the tag point here; older reports about the tag are stale. */
    private Instant pushedAt;

    /** Pulls that started by this tag, whatever it pointed at then. */
    private long pullCount;
    private Instant lastPulledAt;

    private ImageTag() {
    }

    public ImageTag(ImageRepository repository, String name, TagTarget target, Instant pushedAt) {
        this.repositoryId = repository.id();
        this.name = name;
        point(target, pushedAt);
    }

    private static ImageTag read(ResultSet row, int number) throws SQLException {
        ImageTag tag = new ImageTag();
        tag.id = row.getLong("id");
        tag.repositoryId = row.getLong("repository_id");
        tag.name = row.getString("name");
        tag.digest = row.getString("digest");
        tag.mediaType = row.getString("media_type");
        tag.size = row.getLong("size");
        tag.platforms = row.getString("platforms");
        tag.pushedAt = Rows.instant(row, "pushed_at");
        tag.pullCount = row.getLong("pull_count");
        tag.lastPulledAt = Rows.instant(row, "last_pulled_at");
        return tag;
    }

    long id() {
        return id;
    }

    long repositoryId() {
        return repositoryId;
    }

    String mediaType() {
        return mediaType;
    }

    long size() {
        return size;
    }

    String platforms() {
        return platforms;
    }

    /** Makes the tag point at {@code target}, as the registry did at {@code at}. */
    void point(TagTarget target, Instant at) {
        this.digest = target.digest();
        this.mediaType = target.mediaType();
        this.size = target.size();
        this.platforms = Platform.encode(target.platforms());
        this.pushedAt = at;
    }

    /** {@code count} more pulls started by this tag, the last of them at {@code lastAt}. */
    void recordPulls(long count, Instant lastAt) {
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
