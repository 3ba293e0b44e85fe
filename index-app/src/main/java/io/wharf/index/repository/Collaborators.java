package io.wharf.index.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Collaborators extends JpaRepository<Collaborator, Long> {

    Optional<Collaborator> findByRepositoryIdAndAccountId(long repositoryId, long accountId);

    List<Collaborator> findByRepositoryIdOrderByAccountUsername(long repositoryId);

    @Modifying(flushAutomatically = true)
    @Query("delete from Collaborator c where c.repository.id = :repositoryId")
    void deleteByRepositoryId(@Param("repositoryId") long repositoryId);
}
