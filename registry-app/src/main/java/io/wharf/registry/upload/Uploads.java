package io.wharf.registry.upload;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface Uploads extends JpaRepository<Upload, String> {

    List<Upload> findByUpdatedAtBefore(Instant cutoff);

    long countByUpdatedAtBefore(Instant cutoff);

    List<Upload> findByRepositoryName(String repositoryName);

    @Transactional
    @Modifying
    @Query("update Upload u set u.updatedAt = :at where u.id = :id")
    void touch(@Param("id") String id, @Param("at") Instant at);
}
