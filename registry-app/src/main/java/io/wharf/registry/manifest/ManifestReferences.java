package io.wharf.registry.manifest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code manifest_reference} table, written with its manifest and removed with it (on delete cascade). */
@Repository
public class ManifestReferences {

    private final JdbcClient jdbc;

    ManifestReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ManifestReference reference) {
        jdbc.sql("insert into manifest_reference (manifest_id, child_digest, kind) values (:manifestId, :child, :kind)")
                .param("manifestId", reference.manifestId())
                .param("child", reference.childDigest())
                .param("kind", reference.kind().name())
                .update();
    }
}
