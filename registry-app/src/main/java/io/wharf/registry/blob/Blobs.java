package io.wharf.registry.blob;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code blob} table, and the questions about blobs that garbage collection asks. */
@Repository
public class Blobs {

    /** A blob no manifest references and no link younger than the cutoff holds: what garbage collection removes. */
    private static final String COLLECTABLE = "b.touched_at < :cutoff"
            + " and not exists (select 1 from manifest_reference r where r.child_digest = b.digest and r.kind = 'BLOB')"
            + " and not exists (select 1 from repository_blob l where l.digest = b.digest and l.linked_at >= :cutoff)";

    /** A link no manifest of its repository references, older than the cutoff. */
    private static final String UNREFERENCED_LINK = "l.linked_at < :cutoff and not exists (select 1"
            + " from manifest_reference r join manifest m on m.id = r.manifest_id"
            + " where m.repository_id = l.repository_id and r.child_digest = l.digest and r.kind = 'BLOB')";

    private final JdbcClient jdbc;

    Blobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Blob> findById(String digest) {
        return jdbc.sql("select " + Blob.COLUMNS + " from blob b where b.digest = :digest")
                .param("digest", digest)
                .query(Blob.ROW).optional();
    }

    /**
     * Inserts a blob claimed at {@code at}: {@code touched_at}, when an upload or mount last claimed it, lets garbage
     * collection leave it alone for a grace period.
     */
    public Blob insert(Blob blob, Instant at) {
        jdbc.sql("insert into blob (digest, size, created_at, touched_at) values (:digest, :size, :at, :at)")
                .param("digest", blob.digest())
                .param("size", blob.size())
                .param("at", utc(at))
                .update();
        return blob;
    }

    /** The blob when {@code repositoryId} links it: what a repository may serve. */
    public Optional<Blob> findLinked(long repositoryId, String digest) {
        return jdbc.sql("select " + Blob.COLUMNS + " from blob b where b.digest = :digest and exists (select 1"
                        + " from repository_blob l where l.repository_id = :repositoryId and l.digest = :digest)")
                .param("repositoryId", repositoryId)
                .param("digest", digest)
                .query(Blob.ROW).optional();
    }

    /** Of {@code digests}, the blobs {@code repositoryId} links, by digest: one query for all of a manifest's. */
    public Map<String, Blob> findLinked(long repositoryId, Collection<String> digests) {
        if (digests.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + Blob.COLUMNS + " from blob b join repository_blob l on l.digest = b.digest"
                        + " where l.repository_id = :repositoryId and b.digest in (:digests)")
                .param("repositoryId", repositoryId)
                .param("digests", digests)
                .query(Blob.ROW).list().stream()
                .collect(Collectors.toMap(Blob::digest, Function.identity()));
    }

    public int unlink(long repositoryId, String digest) {
        return jdbc.sql("delete from repository_blob where repository_id = :repositoryId and digest = :digest")
                .param("repositoryId", repositoryId)
                .param("digest", digest)
                .update();
    }

    /**
     * Claims a blob for an upload or mount, in a transaction of its own that waits for a collection deleting the
     * row: 0 when the row is gone (or being deleted), and it must be inserted again.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int touch(String digest, Instant at) {
        return jdbc.sql("update blob set touched_at = :at where digest = :digest")
                .param("at", utc(at))
                .param("digest", digest)
                .update();
    }

    public List<String> collectable(Instant cutoff) {
        return jdbc.sql("select b.digest from blob b where " + COLLECTABLE)
                .param("cutoff", utc(cutoff))
                .query(String.class).list();
    }

    public long collectableBytes(Instant cutoff) {
        return jdbc.sql("select coalesce(sum(b.size), 0) from blob b where " + COLLECTABLE)
                .param("cutoff", utc(cutoff))
                .query(Long.class).single();
    }

    public List<RepositoryBlob> unreferencedLinks(Instant cutoff) {
        return jdbc.sql("select " + RepositoryBlob.COLUMNS + " from repository_blob l where " + UNREFERENCED_LINK)
                .param("cutoff", utc(cutoff))
                .query(RepositoryBlob.ROW).list();
    }

    /** Removes one link if it is still unreferenced and old: a concurrent push that refreshed it wins. */
    public int deleteLinkIfUnreferenced(RepositoryBlob link, Instant cutoff) {
        return jdbc.sql("delete from repository_blob l where l.repository_id = :repositoryId and l.digest = :digest"
                        + " and " + UNREFERENCED_LINK)
                .param("repositoryId", link.repositoryId())
                .param("digest", link.digest())
                .param("cutoff", utc(cutoff))
                .update();
    }

    /** Removes one blob row if it is still collectable, checked again under the row lock the delete takes. */
    public int deleteIfCollectable(String digest, Instant cutoff) {
        return jdbc.sql("delete from blob b where b.digest = :digest and " + COLLECTABLE
                        + " and not exists (select 1 from repository_blob l where l.digest = b.digest)")
                .param("digest", digest)
                .param("cutoff", utc(cutoff))
                .update();
    }
}
