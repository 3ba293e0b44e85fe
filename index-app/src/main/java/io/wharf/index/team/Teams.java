package io.wharf.index.team;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Teams extends JpaRepository<Team, Long> {

    Optional<Team> findByOrganizationNameAndName(String organizationName, String name);

    List<Team> findByOrganizationNameOrderByName(String organizationName);

    List<Team> findByDirectorySource(DirectorySource source);
}
