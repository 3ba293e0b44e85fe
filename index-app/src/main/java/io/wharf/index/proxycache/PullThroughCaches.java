package io.wharf.index.proxycache;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PullThroughCaches extends JpaRepository<PullThroughCache, String> {

    List<PullThroughCache> findAllByOrderByNameAsc();

    Optional<PullThroughCache> findFirstByMirrorTrue();

    List<PullThroughCache> findByMirrorTrue();
}
