package io.wharf.index.team;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TeamMembers extends JpaRepository<TeamMember, Long> {

    Optional<TeamMember> findByTeamIdAndAccountId(long teamId, long accountId);

    List<TeamMember> findByTeamIdOrderByAccountUsername(long teamId);

    List<TeamMember> findByAccountId(long accountId);
}
