package io.wharf.registry.blob;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import io.wharf.registry.persistence.PerKeyUpdates;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code repository_blob} table: which repository links which blob, and since when. */
@Repository
public class RepositoryBlobs {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    RepositoryBlobs(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Inserts the link; a DataIntegrityViolationException when it exists or its repository or blob is gone. */
    public RepositoryBlob insert(RepositoryBlob link, Instant linkedAt) {
        jdbc.sql("insert into repository_blob (repository_id, digest, linked_at) values (:repositoryId, :digest, :at)")
                .param("repositoryId", link.repositoryId())
                .param("digest", link.digest())
                .param("at", utc(linkedAt))
                .update();
        return link;
    }

    /** Restarts a link's grace period, in a transaction of its own; 0 when there is no such link. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int touch(RepositoryBlob link, Instant at) {
        return jdbc.sql("update repository_blob set linked_at = :at where repository_id = :repositoryId"
                        + " and digest = :digest")
                .param("at", utc(at))
                .param("repositoryId", link.repositoryId())
                .param("digest", link.digest())
                .update();
    }

    /** Refreshes links a manifest push relies on, in the push's transaction; returns how many exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int touchLinks(long repositoryId, Collection<String> digests, Instant at) {
        return PerKeyUpdates.update(batches, "update repository_blob set linked_at = :at"
                        + " where repository_id = :repositoryId and digest = :digest",
                Map.of("at", utc(at), "repositoryId", repositoryId), "digest", digests);
    }
}
