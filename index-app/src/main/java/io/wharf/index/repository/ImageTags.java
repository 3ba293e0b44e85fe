package io.wharf.index.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ImageTags extends JpaRepository<ImageTag, Long> {

    Optional<ImageTag> findByRepositoryIdAndName(long repositoryId, String name);

    List<ImageTag> findByRepositoryIdOrderByName(long repositoryId);

    Optional<ImageTag> findFirstByRepositoryIdOrderByPushedAtDescNameAsc(long repositoryId);

    List<ImageTag> findByRepositoryIdAndDigest(long repositoryId, String digest);

    /** A page of the tags whose name contains {@code name} (a plain string: {@code %} and {@code _} match themselves). */
    Page<ImageTag> findByRepositoryIdAndNameContaining(long repositoryId, String name, Pageable pageable);

    @Modifying(flushAutomatically = true)
    @Query("delete from ImageTag t where t.repository.id = :repositoryId")
    void deleteByRepositoryId(@Param("repositoryId") long repositoryId);
}
