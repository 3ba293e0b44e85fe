package io.wharf.registry.upload;

import org.springframework.jdbc.core.RowMapper;

/**
 * A blob upload session. Its bytes live in storage, not here, so any replica can continue it and a
 * restart loses nothing: the stored data is the truth about how far the upload got.
 */
public record Upload(String id, String repositoryName) {

    static final String COLUMNS = "id, repository_name";
    static final RowMapper<Upload> ROW = (row, number) -> new Upload(row.getString("id"),
            row.getString("repository_name"));
}
