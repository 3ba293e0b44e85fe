package io.wharf.index.team;

import io.wharf.index.role.Role;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The roles an account's teams give it, as the permission decision reads them. */
public interface TeamRoles extends Repository<TeamMember, Long> {

    /** The roles of the account's teams in the organization that act on all of its repositories. */
    @Query("""
            select m.team.role from TeamMember m
            where m.account.id = :accountId and m.team.organization.name = :organization and m.team.allRepositories = true
            """)
    List<Role> onAllRepositories(@Param("accountId") long accountId, @Param("organization") String organization);

    /** The roles of the account's teams that act on the repository (of the organization), by name or as all. */
    @Query("""
            select m.team.role from TeamMember m
            where m.account.id = :accountId and m.team.organization.name = :organization
              and (m.team.allRepositories = true
                   or exists (select r.id from TeamRepository r where r.team = m.team and r.repositoryId = :repositoryId))
            """)
    List<Role> onRepository(@Param("accountId") long accountId, @Param("organization") String organization,
            @Param("repositoryId") long repositoryId);
}
