package io.wharf.index.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ImageRepositories extends JpaRepository<ImageRepository, Long> {

    Optional<ImageRepository> findByNamespaceAndName(String namespace, String name);

    default Optional<ImageRepository> find(RepositoryPath path) {
        return findByNamespaceAndName(path.namespace(), path.name());
    }

    List<ImageRepository> findAllByOrderByNamespaceAscNameAsc();

    List<ImageRepository> findByVisibilityOrderByNamespaceAscNameAsc(Visibility visibility);

    /** The repositories a user may pull: public ones, their own, their organizations', and collaborations. */
    @Query("""
            select r from ImageRepository r
            where r.visibility = io.wharf.index.repository.Visibility.PUBLIC
               or r.namespace = :username
               or r.namespace in (select m.organization.name from Membership m where m.account.id = :accountId)
               or r.id in (select c.repository.id from Collaborator c where c.account.id = :accountId)
            order by r.namespace, r.name""")
    List<ImageRepository> findVisibleTo(@Param("accountId") long accountId, @Param("username") String username);
}
