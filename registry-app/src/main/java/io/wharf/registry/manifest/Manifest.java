package io.wharf.registry.manifest;

import org.springframework.jdbc.core.RowMapper;

/**
 * A manifest in a repository, kept in the exact bytes the client pushed.
 *
 * @param artifactType the artifact type the referrers API reports (see {@link ParsedManifest#artifactType()})
 */
public record Manifest(long id, long repositoryId, String digest, String mediaType, String artifactType,
        String subjectDigest, long size, byte[] payload) {

    static final String COLUMNS = "m.id, m.repository_id, m.digest, m.media_type, m.artifact_type, m.subject_digest,"
            + " m.size, m.payload";
    static final RowMapper<Manifest> ROW = (row, number) -> new Manifest(row.getLong("id"),
            row.getLong("repository_id"), row.getString("digest"), row.getString("media_type"),
            row.getString("artifact_type"), row.getString("subject_digest"), row.getLong("size"),
            row.getBytes("payload"));
}
