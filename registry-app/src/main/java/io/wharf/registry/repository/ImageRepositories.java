package io.wharf.registry.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ImageRepositories extends JpaRepository<ImageRepository, Long> {

    Optional<ImageRepository> findByName(String name);

    List<ImageRepository> findByNameGreaterThanOrderByNameAsc(String last, Limit limit);

    /** The database cascades to the repository's tags, manifests and blob links. */
    @Modifying
    @Query("delete from ImageRepository r where r.id = :id")
    int deleteRepository(@Param("id") long id);
}
