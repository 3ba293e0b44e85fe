package io.wharf.registry.manifest;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import io.wharf.registry.persistence.GeneratedIds;
import io.wharf.registry.persistence.PerKeyUpdates;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code manifest} table. Its {@code touched_at} is when a push last named the manifest: the untagged-manifest
 * policy measures its age from there.
 */
@Repository
public class Manifests {

    /**
     * No tag names the manifest, no index of its repository lists it, and it is not a referrer of a manifest still
     * there; and no push named it since the cutoff.
     */
    private static final String UNTAGGED = "m.touched_at < :cutoff"
            + " and not exists (select 1 from tag t where t.manifest_id = m.id)"
            + " and not exists (select 1 from manifest_reference r join manifest p on p.id = r.manifest_id"
            + " where p.repository_id = m.repository_id and r.child_digest = m.digest and r.kind = 'MANIFEST')"
            + " and (m.subject_digest is null or not exists (select 1 from manifest s"
            + " where s.repository_id = m.repository_id and s.digest = m.subject_digest))";

    public record UntaggedManifest(long id, String repository, String digest) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    Manifests(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    public Optional<Manifest> findById(long id) {
        return jdbc.sql("select " + Manifest.COLUMNS + " from manifest m where m.id = :id")
                .param("id", id)
                .query(Manifest.ROW).optional();
    }

    public Optional<Manifest> findByDigest(long repositoryId, String digest) {
        return jdbc.sql("select " + Manifest.COLUMNS + " from manifest m"
                        + " where m.repository_id = :repositoryId and m.digest = :digest")
                .param("repositoryId", repositoryId)
                .param("digest", digest)
                .query(Manifest.ROW).optional();
    }

    /** The manifests of the repository whose subject is one of {@code subjectDigests}, oldest first. */
    public List<Manifest> withSubjects(long repositoryId, Collection<String> subjectDigests) {
        return jdbc.sql("select " + Manifest.COLUMNS + " from manifest m"
                        + " where m.repository_id = :repositoryId and m.subject_digest in (:subjectDigests)"
                        + " order by m.created_at, m.id")
                .param("repositoryId", repositoryId)
                .param("subjectDigests", subjectDigests)
                .query(Manifest.ROW).list();
    }

    /** Inserts a manifest pushed (and so touched) at {@code at}. */
    public Manifest insert(long repositoryId, String digest, ParsedManifest parsed, byte[] payload, Instant at) {
        String artifactType = parsed.artifactType().orElse(null);
        String subjectDigest = parsed.subject().map(subject -> subject.digest().toString()).orElse(null);
        long id = GeneratedIds.insert(jdbc.sql("insert into manifest (repository_id, digest, media_type, artifact_type,"
                        + " subject_digest, size, payload, created_at, touched_at) values (:repositoryId, :digest,"
                        + " :mediaType, :artifactType, :subjectDigest, :size, :payload, :at, :at)")
                .param("repositoryId", repositoryId)
                .param("digest", digest)
                .param("mediaType", parsed.mediaType())
                .param("artifactType", artifactType)
                .param("subjectDigest", subjectDigest)
                .param("size", payload.length)
                .param("payload", payload)
                .param("at", utc(at)));
        return new Manifest(id, repositoryId, digest, parsed.mediaType(), artifactType, subjectDigest, payload.length,
                payload);
    }

    /**
     * Marks manifests as named by the push whose transaction this is; a removal by policy re-checks the mark under
     * the row lock and keeps them. Returns how many exist.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int touch(long repositoryId, Collection<String> digests, Instant at) {
        return PerKeyUpdates.update(batches, "update manifest set touched_at = :at"
                        + " where repository_id = :repositoryId and digest = :digest",
                Map.of("at", utc(at), "repositoryId", repositoryId), "digest", digests);
    }

    public List<UntaggedManifest> untagged(Instant cutoff) {
        return jdbc.sql("select m.id, r.name, m.digest from manifest m join repository r on r.id = m.repository_id"
                        + " where " + UNTAGGED)
                .param("cutoff", utc(cutoff))
                .query((row, number) -> new UntaggedManifest(row.getLong("id"), row.getString("name"),
                        row.getString("digest")))
                .list();
    }

    public int deleteIfUntagged(long id, Instant cutoff) {
        return jdbc.sql("delete from manifest m where m.id = :id and " + UNTAGGED)
                .param("id", id)
                .param("cutoff", utc(cutoff))
                .update();
    }

    /** Deletes the manifest (the database cascades to its references and tags); 0 when it was gone already. */
    public int delete(long id) {
        return jdbc.sql("delete from manifest where id = :id").param("id", id).update();
    }
}
