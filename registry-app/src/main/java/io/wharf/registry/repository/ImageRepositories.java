package io.wharf.registry.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImageRepositories extends JpaRepository<ImageRepository, Long> {

    Optional<ImageRepository> findByName(String name);

    List<ImageRepository> findByNameGreaterThanOrderByNameAsc(String last, Limit limit);
}
