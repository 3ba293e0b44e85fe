package io.wharf.registry.blob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface Blobs extends JpaRepository<Blob, String> {

    /** A blob no manifest references and no link younger than the cutoff holds: what garbage collection removes. */
    String COLLECTABLE = "b.touched_at < :cutoff"
            + " and not exists (select 1 from manifest_reference r where r.child_digest = b.digest and r.kind = 'BLOB')"
            + " and not exists (select 1 from repository_blob l where l.digest = b.digest and l.linked_at >= :cutoff)";

    /** A link no manifest of its repository references, older than the cutoff. */
    String UNREFERENCED_LINK = "l.linked_at < :cutoff and not exists (select 1 from manifest_reference r"
            + " join manifest m on m.id = r.manifest_id where m.repository_id = l.repository_id"
            + " and r.child_digest = l.digest and r.kind = 'BLOB')";

    /** Repository {@code r} is the namespace itself or lies under it; left() avoids LIKE's wildcards in names. */
    String IN_NAMESPACE = "(r.name = :namespace or left(r.name, length(:prefix)) = :prefix)";

    /** The blob when {@code repositoryId} links it: what a repository may serve. */
    @Query("select b from Blob b where b.digest = :digest and exists "
            + "(select 1 from RepositoryBlob l where l.id.repositoryId = :repositoryId and l.id.digest = :digest)")
    Optional<Blob> findLinked(@Param("repositoryId") long repositoryId, @Param("digest") String digest);

    @Modifying
    @Query("delete from RepositoryBlob l where l.id.repositoryId = :repositoryId and l.id.digest = :digest")
    int unlink(@Param("repositoryId") long repositoryId, @Param("digest") String digest);

    /**
     * Claims a blob for an upload or mount, in a transaction of its own that waits for a collection deleting the
     * row: 0 when the row is gone (or being deleted), and it must be inserted again.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @Modifying
    @Query("update Blob b set b.touchedAt = :at where b.digest = :digest")
    int touch(@Param("digest") String digest, @Param("at") Instant at);

    @Query(value = "select b.digest from blob b where " + COLLECTABLE, nativeQuery = true)
    List<String> collectable(@Param("cutoff") Instant cutoff);

    @Query(value = "select coalesce(sum(b.size), 0) from blob b where " + COLLECTABLE, nativeQuery = true)
    long collectableBytes(@Param("cutoff") Instant cutoff);

    @Query(value = "select l.repository_id as repositoryId, l.digest as digest from repository_blob l where "
            + UNREFERENCED_LINK, nativeQuery = true)
    List<LinkKey> unreferencedLinks(@Param("cutoff") Instant cutoff);

    /** Removes one link if it is still unreferenced and old: a concurrent push that refreshed it wins. */
    @Modifying
    @Query(value = "delete from repository_blob l where l.repository_id = :repositoryId and l.digest = :digest and "
            + UNREFERENCED_LINK, nativeQuery = true)
    int deleteLinkIfUnreferenced(@Param("repositoryId") long repositoryId, @Param("digest") String digest,
            @Param("cutoff") Instant cutoff);

    /** Removes one blob row if it is still collectable, checked again under the row lock the delete takes. */
    @Modifying
    @Query(value = "delete from blob b where b.digest = :digest and " + COLLECTABLE
            + " and not exists (select 1 from repository_blob l where l.digest = b.digest)", nativeQuery = true)
    int deleteIfCollectable(@Param("digest") String digest, @Param("cutoff") Instant cutoff);

    /** Whether a repository of the namespace ({@code name} itself, or under {@code prefix}) links the blob. */
    @Query(value = "select count(*) from repository_blob l join repository r on r.id = l.repository_id"
            + " where l.digest = :digest and " + IN_NAMESPACE, nativeQuery = true)
    long linkedInNamespace(@Param("digest") String digest, @Param("namespace") String namespace,
            @Param("prefix") String prefix);

    /** Bytes of the distinct blobs the namespace's repositories link. */
    @Query(value = "select coalesce(sum(b.size), 0) from blob b where exists (select 1 from repository_blob l"
            + " join repository r on r.id = l.repository_id where l.digest = b.digest and " + IN_NAMESPACE + ")",
            nativeQuery = true)
    long namespaceUsage(@Param("namespace") String namespace, @Param("prefix") String prefix);

    interface LinkKey {
        long getRepositoryId();

        String getDigest();
    }
}
