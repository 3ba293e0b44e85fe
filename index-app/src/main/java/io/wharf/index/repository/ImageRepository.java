package io.wharf.index.repository;

import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * A repository known to the index: its place in a namespace, who may see it, how its admins describe it,
 * and what the registry reported pushing to it.
 */
public class ImageRepository {

    static final RowMapper<ImageRepository> ROWS = ImageRepository::read;

    private Long id;
    private String namespace;

    /** The path below the namespace, which may itself contain slashes. */
    private String name;
    private Visibility visibility;
    private Instant createdAt;

    /** Plain text, one line, shown in search results. */
    private String shortDescription = "";

    /** Markdown, stored as written; rendering (and sanitizing) is the web UI's business. */
    private String fullDescription = "";
    private Instant lastPushedAt;

    /** Tag pushes, as the registry reported them. */
    private long pushCount;

    /** Stays 0 until the registry sends pull events. */
    private long pullCount;

    private static ImageRepository read(ResultSet row, int number) throws SQLException {
        ImageRepository repository = new ImageRepository(new RepositoryPath(row.getString("namespace"),
                row.getString("name")), Visibility.valueOf(row.getString("visibility")), Rows.instant(row, "created_at"));
        repository.id = row.getLong("id");
        repository.shortDescription = row.getString("short_description");
        repository.fullDescription = row.getString("full_description");
        repository.lastPushedAt = Rows.instant(row, "last_pushed_at");
        repository.pushCount = row.getLong("push_count");
        repository.pullCount = row.getLong("pull_count");
        return repository;
    }

    public ImageRepository(RepositoryPath path, Visibility visibility, Instant createdAt) {
        this.namespace = path.namespace();
        this.name = path.name();
        this.visibility = visibility;
        this.createdAt = createdAt;
    }

    /** This new repository, as inserted with the {@code id} the database gave it. */
    ImageRepository inserted(long id) {
        this.id = id;
        return this;
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

    void recordPulls(long count) {
        pullCount += count;
    }

    /** Content arrived at {@code at}; a tag push also counts as a push. */
    void recordPush(Instant at, boolean tagged) {
        if (lastPushedAt == null || at.isAfter(lastPushedAt)) {
            lastPushedAt = at;
        }
        if (tagged) {
            pushCount++;
        }
    }
}
