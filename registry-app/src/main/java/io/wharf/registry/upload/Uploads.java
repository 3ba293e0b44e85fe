package io.wharf.registry.upload;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface Uploads extends JpaRepository<Upload, String> {

    List<Upload> findByUpdatedAtBefore(Instant cutoff);

    long countByUpdatedAtBefore(Instant cutoff);

    List<Upload> findByRepositoryName(String repositoryName);

    /** Ends the session; 0 when a concurrent request (completion, expiry, repository deletion) ended it first. */
    @Transactional
    @Modifying
    @Query("delete from Upload u where u.id = :id")
    int end(@Param("id") String id);

    /** Marks the session active; 0 when it has ended (deleted with its repository, or expired). */
    @Transactional
    @Modifying
    @Query("update Upload u set u.updatedAt = :at where u.id = :id")
    int touch(@Param("id") String id, @Param("at") Instant at);

    /**
     * Takes the append lease of a session of this repository that nobody holds (or whose holder's lease ran out),
     * and marks it active, in one statement; 1 when taken. 0 when the session is unknown, ended, of another
     * repository, or leased elsewhere (the caller tells these apart only then: a chunk costs one round trip here).
     */
    @Transactional
    @Modifying
    @Query("""
            update Upload u set u.appendLeaseUntil = :until, u.appendLeaseOwner = :owner, u.updatedAt = :now
            where u.id = :id and u.repositoryName = :repository
            and (u.appendLeaseUntil is null or u.appendLeaseUntil < :now)""")
    int takeLease(@Param("id") String id, @Param("repository") String repository, @Param("owner") String owner,
            @Param("now") Instant now, @Param("until") Instant until);

    /** Extends a lease this holder still has; 0 when it ran out and someone else took it. */
    @Transactional
    @Modifying
    @Query("update Upload u set u.appendLeaseUntil = :until where u.id = :id and u.appendLeaseOwner = :owner")
    int renewLease(@Param("id") String id, @Param("owner") String owner, @Param("until") Instant until);

    @Transactional
    @Modifying
    @Query("""
            update Upload u set u.appendLeaseUntil = null, u.appendLeaseOwner = null
            where u.id = :id and u.appendLeaseOwner = :owner""")
    void releaseLease(@Param("id") String id, @Param("owner") String owner);

    /**
     * Releases a lease this holder still has and marks the session active, in one statement; 0 when the session
     * ended or the lease ran out and someone else took it (then {@link #touch} tells which).
     */
    @Transactional
    @Modifying
    @Query("""
            update Upload u set u.appendLeaseUntil = null, u.appendLeaseOwner = null, u.updatedAt = :at
            where u.id = :id and u.appendLeaseOwner = :owner""")
    int releaseLeaseAndTouch(@Param("id") String id, @Param("owner") String owner, @Param("at") Instant at);
}
