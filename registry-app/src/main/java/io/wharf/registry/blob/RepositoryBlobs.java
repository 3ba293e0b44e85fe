package io.wharf.registry.blob;

import java.time.Instant;
import java.util.Collection;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface RepositoryBlobs extends JpaRepository<RepositoryBlob, RepositoryBlob.Key> {

    /** Restarts a link's grace period, in a transaction of its own; 0 when there is no such link. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @Modifying
    @Query("update RepositoryBlob l set l.linkedAt = :at where l.id.repositoryId = :repositoryId"
            + " and l.id.digest = :digest")
    int touch(@Param("repositoryId") long repositoryId, @Param("digest") String digest, @Param("at") Instant at);

    /** Refreshes links a manifest push relies on, in the push's transaction; returns how many exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    @Modifying
    @Query("update RepositoryBlob l set l.linkedAt = :at where l.id.repositoryId = :repositoryId"
            + " and l.id.digest in :digests")
    int touchLinks(@Param("repositoryId") long repositoryId, @Param("digests") Collection<String> digests,
            @Param("at") Instant at);
}
