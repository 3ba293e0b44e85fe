package io.wharf.registry.blob;

import org.springframework.jdbc.core.RowMapper;

/** A repository's link to a blob: the repository may serve it and others may mount it from there. */
public record RepositoryBlob(long repositoryId, String digest) {

    static final String COLUMNS = "l.repository_id, l.digest";
    static final RowMapper<RepositoryBlob> ROW = (row, number) -> new RepositoryBlob(row.getLong("repository_id"),
            row.getString("digest"));
}
