package io.wharf.index.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Collaborators extends JpaRepository<Collaborator, Long> {

    Optional<Collaborator> findByRepositoryIdAndAccountId(long repositoryId, long accountId);

    List<Collaborator> findByRepositoryIdOrderByAccountUsername(long repositoryId);
}
