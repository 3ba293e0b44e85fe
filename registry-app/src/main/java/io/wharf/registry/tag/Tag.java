package io.wharf.registry.tag;

import io.wharf.registry.persistence.SqlTimestamps;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** A tag: a name in a repository pointing at one manifest. */
public record Tag(long repositoryId, String name, long manifestId, Instant updatedAt) {

    static final String COLUMNS = "repository_id, name, manifest_id, updated_at";
    static final RowMapper<Tag> ROW = (row, number) -> new Tag(row.getLong("repository_id"), row.getString("name"),
            row.getLong("manifest_id"), SqlTimestamps.instant(row, "updated_at"));
}
