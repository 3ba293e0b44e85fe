package io.wharf.registry.manifest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface Manifests extends JpaRepository<Manifest, Long> {

    /**
     * No tag names the manifest, no index of its repository lists it, and it is not a referrer of a manifest still
     * there; and no push named it since the cutoff.
     */
    String UNTAGGED = "m.touched_at < :cutoff"
            + " and not exists (select 1 from tag t where t.manifest_id = m.id)"
            + " and not exists (select 1 from manifest_reference r join manifest p on p.id = r.manifest_id"
            + " where p.repository_id = m.repository_id and r.child_digest = m.digest and r.kind = 'MANIFEST')"
            + " and (m.subject_digest is null or not exists (select 1 from manifest s"
            + " where s.repository_id = m.repository_id and s.digest = m.subject_digest))";

    /**
     * Marks manifests as named by the push whose transaction this is; a removal by policy re-checks the mark under
     * the row lock and keeps them. Returns how many exist.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @Modifying
    @Query("update Manifest m set m.touchedAt = :at where m.repositoryId = :repositoryId and m.digest in :digests")
    int touch(@Param("repositoryId") long repositoryId, @Param("digests") Collection<String> digests,
            @Param("at") Instant at);

    @Query(value = "select m.id as id, r.name as repository, m.digest as digest from manifest m"
            + " join repository r on r.id = m.repository_id where " + UNTAGGED, nativeQuery = true)
    List<UntaggedManifest> untagged(@Param("cutoff") Instant cutoff);

    @Modifying
    @Query(value = "delete from manifest m where m.id = :id and " + UNTAGGED, nativeQuery = true)
    int deleteIfUntagged(@Param("id") long id, @Param("cutoff") Instant cutoff);

    interface UntaggedManifest {
        long getId();

        String getRepository();

        String getDigest();
    }

    Optional<Manifest> findByRepositoryIdAndDigest(long repositoryId, String digest);

    List<Manifest> findByRepositoryIdAndSubjectDigestOrderByCreatedAtAscIdAsc(long repositoryId, String subjectDigest);
}
