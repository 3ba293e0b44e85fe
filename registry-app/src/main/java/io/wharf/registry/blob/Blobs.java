package io.wharf.registry.blob;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
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

    /** Rows a garbage collection query reads at most (see {@link #inKeyRanges}). */
    private static final int ROWS_PER_QUERY = 10_000;

    private final JdbcClient jdbc;
    private final int rowsPerQuery;

    @Autowired
    Blobs(JdbcClient jdbc) {
        this(jdbc, ROWS_PER_QUERY);
    }

    Blobs(JdbcClient jdbc, int rowsPerQuery) {
        this.jdbc = jdbc;
        this.rowsPerQuery = rowsPerQuery;
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

    /** A blob that {@link #COLLECTABLE} describes, with its size for a dry run's report. */
    public record CollectableBlob(String digest, long size) {
    }

    /** Every blob {@link #COLLECTABLE} describes, read in ranges of digests. */
    public List<CollectableBlob> collectable(Instant cutoff, Consumer<Duration> afterEachRange) {
        return inKeyRanges("blob", "digest", "", afterEachRange, (after, upTo) -> jdbc.sql("select b.digest, b.size"
                        + " from blob b where b.digest > :after and b.digest <= :upTo and " + COLLECTABLE)
                .param("after", after).param("upTo", upTo).param("cutoff", utc(cutoff))
                .query((row, number) -> new CollectableBlob(row.getString(1), row.getLong(2))).list());
    }

    /**
     * The links {@link #UNREFERENCED_LINK} describes. Per range of repositories, the old links and the blobs their
     * manifests reference are read, and compared here: asking for each link whether a manifest of its repository
     * references it made H2 walk all of a large repository's manifests per link (10,000 times 10,000 for the
     * repository of 10,000 tags in bench/scale). A link referenced by a push in between is kept by the delete's
     * own check.
     */
    public List<RepositoryBlob> unreferencedLinks(Instant cutoff, Consumer<Duration> afterEachRange) {
        return inKeyRanges("repository_blob", "repository_id", 0L, afterEachRange, (after, upTo) -> {
            Set<RepositoryBlob> referenced = new HashSet<>(jdbc.sql("select m.repository_id, r.child_digest as digest"
                            + " from manifest m join manifest_reference r on r.manifest_id = m.id"
                            + " where m.repository_id > :after and m.repository_id <= :upTo and r.kind = 'BLOB'")
                    .param("after", after).param("upTo", upTo)
                    .query(RepositoryBlob.ROW).list());
            return jdbc.sql("select " + RepositoryBlob.COLUMNS + " from repository_blob l"
                            + " where l.repository_id > :after and l.repository_id <= :upTo and l.linked_at < :cutoff")
                    .param("after", after).param("upTo", upTo).param("cutoff", utc(cutoff))
                    .query(RepositoryBlob.ROW).list().stream()
                    .filter(link -> !referenced.contains(link))
                    .toList();
        });
    }

    /**
     * What {@code range} finds in the whole table, asked range by range of {@code key} (after one value, up to
     * another), each range holding at most {@link #rowsPerQuery} rows, or the rows of one key value. A query over all
     * of a large table holds one snapshot for minutes, and H2 keeps in memory every page version that snapshot could
     * still read: with pushes going on, that filled the registry's heap. After each range, {@code afterEachRange}
     * hears how long it took.
     */
    private <T> List<T> inKeyRanges(String table, String key, Object first, Consumer<Duration> afterEachRange,
            BiFunction<Object, Object, List<T>> range) {
        List<T> found = new ArrayList<>();
        Object after = first;
        while (true) {
            long start = System.nanoTime();
            Optional<Object> upTo = jdbc.sql("select max(k) from (select " + key + " k from " + table + " where "
                            + key + " > :after order by " + key + " limit :rows) range_end")
                    .param("after", after)
                    .param("rows", rowsPerQuery)
                    .query((row, number) -> row.getObject(1))
                    .optional();
            if (upTo.isEmpty()) {
                return found;
            }
            found.addAll(range.apply(after, upTo.get()));
            after = upTo.get();
            afterEachRange.accept(Duration.ofNanos(System.nanoTime() - start));
        }
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
