package io.wharf.registry.manifest;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Manifests extends JpaRepository<Manifest, Long> {

    Optional<Manifest> findByRepositoryIdAndDigest(long repositoryId, String digest);

    List<Manifest> findByRepositoryIdAndSubjectDigestOrderByCreatedAtAscIdAsc(long repositoryId, String subjectDigest);
}
