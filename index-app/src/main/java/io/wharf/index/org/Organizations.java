package io.wharf.index.org;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Organizations extends JpaRepository<Organization, Long> {

    Optional<Organization> findByName(String name);

    List<Organization> findAllByOrderByName();
}
