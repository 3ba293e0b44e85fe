package io.wharf.registry.proxy;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import io.wharf.registry.persistence.SqlTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the caches keep beside the content: the tables {@code proxy_tag_check} and {@code proxy_pull}, and the size
 * of a cache's content. A cache's repositories are those whose name starts with {@code <proxy>/} (compared with
 * {@code left}, since {@code _} in a name would be a LIKE wildcard).
 */
@Repository
class CachedContent {

    /** A cached manifest, as eviction sees it. */
    record CachedManifest(String repository, String digest) {
    }

    private final JdbcClient jdbc;

    CachedContent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> tagCheckedAt(String repository, String tag) {
        return jdbc.sql("select checked_at from proxy_tag_check where repository_name = :repository and tag = :tag")
                .param("repository", repository).param("tag", tag)
                .query((row, number) -> SqlTimestamps.instant(row, "checked_at")).optional();
    }

    void tagChecked(String repository, String tag, Instant at) {
        upsert("update proxy_tag_check set checked_at = :at where repository_name = :repository and tag = :key",
                "insert into proxy_tag_check (repository_name, tag, checked_at) values (:repository, :key, :at)",
                repository, tag, at);
    }

    void pulled(String repository, String digest, Instant at) {
        upsert("update proxy_pull set pulled_at = :at where repository_name = :repository"
                        + " and manifest_digest = :key",
                "insert into proxy_pull (repository_name, manifest_digest, pulled_at) values (:repository, :key, :at)",
                repository, digest, at);
    }

    /** When the cache last asked its upstream about any tag; empty before the first time. */
    Optional<Instant> lastTagCheck(String proxy) {
        String prefix = proxy + "/";
        return jdbc.sql("select max(checked_at) as checked_at from proxy_tag_check"
                        + " where left(repository_name, :length) = :prefix")
                .param("length", prefix.length()).param("prefix", prefix)
                .query((row, number) -> Optional.ofNullable(row.getObject("checked_at") == null ? null
                        : SqlTimestamps.instant(row, "checked_at")))
                .single();
    }

    /**
     * The bytes a cache holds: its manifests, and each blob they reference once. Blobs no manifest references any
     * more (evicted) do not count: garbage collection reclaims them.
     */
    long usedBytes(String proxy) {
        String prefix = proxy + "/";
        long manifests = jdbc.sql("select coalesce(sum(m.size), 0) from manifest m"
                        + " join repository r on r.id = m.repository_id where left(r.name, :length) = :prefix")
                .param("length", prefix.length()).param("prefix", prefix).query(Long.class).single();
        long blobs = jdbc.sql("select coalesce(sum(b.size), 0) from blob b where b.digest in ("
                        + "select mr.child_digest from manifest_reference mr join manifest m on m.id = mr.manifest_id"
                        + " join repository r on r.id = m.repository_id"
                        + " where mr.kind = 'BLOB' and left(r.name, :length) = :prefix)")
                .param("length", prefix.length()).param("prefix", prefix).query(Long.class).single();
        return manifests + blobs;
    }

    /** A cache's manifests, least recently pulled (or, never pulled, stored) first. */
    List<CachedManifest> leastRecentlyPulled(String proxy, int limit) {
        String prefix = proxy + "/";
        return jdbc.sql("select r.name, m.digest from manifest m join repository r on r.id = m.repository_id"
                        + " left join proxy_pull p on p.repository_name = r.name and p.manifest_digest = m.digest"
                        + " where left(r.name, :length) = :prefix"
                        + " order by coalesce(p.pulled_at, m.created_at), m.id limit :limit")
                .param("length", prefix.length()).param("prefix", prefix).param("limit", limit)
                .query((row, number) -> new CachedManifest(row.getString(1), row.getString(2))).list();
    }

    void forget(CachedManifest manifest) {
        jdbc.sql("delete from proxy_pull where repository_name = :repository and manifest_digest = :digest")
                .param("repository", manifest.repository()).param("digest", manifest.digest()).update();
    }

    /** Sets a row's time; inserts it when there is none (a concurrent insert winning is as good). */
    private void upsert(String update, String insert, String repository, String key, Instant at) {
        if (jdbc.sql(update).param("repository", repository).param("key", key).param("at", utc(at)).update() == 1) {
            return;
        }
        try {
            jdbc.sql(insert).param("repository", repository).param("key", key).param("at", utc(at)).update();
        } catch (DuplicateKeyException concurrentInsert) {
            jdbc.sql(update).param("repository", repository).param("key", key).param("at", utc(at)).update();
        }
    }
}
