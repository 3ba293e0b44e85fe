package io.wharf.registry.tag;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tag} table. */
@Repository
public class Tags {

    private final JdbcClient jdbc;

    Tags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In byte ("ASCIIbetical") order, as Go's {@code sort.Strings} sorts: {@code Alpha, Charlie, beta}. The names
     * compare by bytes in the database too (H2's default, the "C" collation on PostgreSQL), so {@code last}
     * pagination agrees with the order.
     */
    public List<String> namesAfter(long repositoryId, String last, int limit) {
        return jdbc.sql("select name from tag where repository_id = :repositoryId and name > :last"
                        + " order by name limit :limit")
                .param("repositoryId", repositoryId)
                .param("last", last)
                .param("limit", limit)
                .query(String.class).list();
    }

    public Optional<Tag> find(long repositoryId, String name) {
        return jdbc.sql("select " + Tag.COLUMNS + " from tag where repository_id = :repositoryId and name = :name")
                .param("repositoryId", repositoryId)
                .param("name", name)
                .query(Tag.ROW).optional();
    }

    /** The repository's tags, most recently pushed first. */
    public List<Tag> newestFirst(long repositoryId) {
        return jdbc.sql("select " + Tag.COLUMNS + " from tag where repository_id = :repositoryId"
                        + " order by updated_at desc, name")
                .param("repositoryId", repositoryId)
                .query(Tag.ROW).list();
    }

    /** Inserts a tag; a DataIntegrityViolationException when it exists or its repository or manifest is gone. */
    public void insert(Tag tag) {
        jdbc.sql("insert into tag (repository_id, name, manifest_id, updated_at)"
                        + " values (:repositoryId, :name, :manifestId, :updatedAt)")
                .param("repositoryId", tag.repositoryId())
                .param("name", tag.name())
                .param("manifestId", tag.manifestId())
                .param("updatedAt", utc(tag.updatedAt()))
                .update();
    }

    /** Points an existing tag at a manifest, pushed at {@code at}; 0 when the tag is gone. */
    public int pointTo(long repositoryId, String name, long manifestId, Instant at) {
        return jdbc.sql("update tag set manifest_id = :manifestId, updated_at = :at"
                        + " where repository_id = :repositoryId and name = :name")
                .param("manifestId", manifestId)
                .param("at", utc(at))
                .param("repositoryId", repositoryId)
                .param("name", name)
                .update();
    }

    public int delete(long repositoryId, String name) {
        return jdbc.sql("delete from tag where repository_id = :repositoryId and name = :name")
                .param("repositoryId", repositoryId)
                .param("name", name)
                .update();
    }

    /** Removes a tag unless it moved (or was pushed again) since {@code updatedAt}. */
    public int deleteIfUnchanged(long repositoryId, String name, Instant updatedAt) {
        return jdbc.sql("delete from tag where repository_id = :repositoryId and name = :name"
                        + " and updated_at = :updatedAt")
                .param("repositoryId", repositoryId)
                .param("name", name)
                .param("updatedAt", utc(updatedAt))
                .update();
    }

    public int deleteByManifestId(long manifestId) {
        return jdbc.sql("delete from tag where manifest_id = :manifestId").param("manifestId", manifestId).update();
    }
}
