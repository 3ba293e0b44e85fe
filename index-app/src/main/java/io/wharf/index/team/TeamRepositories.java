package io.wharf.index.team;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TeamRepositories extends JpaRepository<TeamRepository, Long> {

    List<TeamRepository> findByTeamId(long teamId);

    void deleteByTeamId(long teamId);
}
