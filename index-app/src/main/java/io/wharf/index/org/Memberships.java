package io.wharf.index.org;

import io.wharf.index.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Memberships extends JpaRepository<Membership, Long> {

    Optional<Membership> findByOrganizationNameAndAccountId(String organizationName, long accountId);

    List<Membership> findByOrganizationIdOrderByAccountUsername(long organizationId);

    List<Membership> findByAccountIdOrderByOrganizationName(long accountId);

    long countByOrganizationIdAndRole(long organizationId, Role role);
}
