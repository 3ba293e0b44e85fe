package io.wharf.index.repository;

import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ImageRepositories extends JpaRepository<ImageRepository, Long> {

    Optional<ImageRepository> findByNamespaceAndName(String namespace, String name);

    default Optional<ImageRepository> find(RepositoryPath path) {
        return findByNamespaceAndName(path.namespace(), path.name());
    }

    List<ImageRepository> findAllByOrderByNamespaceAscNameAsc();

    boolean existsByNamespace(String namespace);

    /** Deletes the row; 0 when a concurrent request (the registry's delete event, say) deleted it first. */
    @Modifying(flushAutomatically = true)
    @Query("delete from ImageRepository r where r.id = :id")
    int deleteRepository(@Param("id") long id);

    /**
     * The repositories the requester may pull whose full name or short description contains
     * {@code text} (case-insensitively; empty matches all), ordered by name. Administrators see all;
     * users public ones, their own, their organizations', their collaborations and the pull-through caches'; robots
     * and anonymous clients public ones.
     */
    default List<ImageRepository> findVisible(Requester requester, String text) {
        String pattern = containing(text);
        if (requester instanceof UserRequester user) {
            return findVisible(pattern, user.administrator(), user.accountId(), user.username());
        }
        // No account has id -1 and no namespace is named "": only public repositories match.
        return findVisible(pattern, false, -1, "");
    }

    /** A {@code like ... escape '!'} pattern matching what contains {@code text}, case-insensitively. */
    private static String containing(String text) {
        return "%" + text.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Every repository whose full name or short description contains {@code text} (empty: all), a page at a time. */
    default Page<ImageRepository> findAllContaining(String text, Pageable page) {
        return findAllMatching(containing(text), page);
    }

    @Query("""
            select r from ImageRepository r
            where lower(concat(r.namespace, '/', r.name)) like :pattern escape '!'
               or lower(r.shortDescription) like :pattern escape '!'""")
    Page<ImageRepository> findAllMatching(@Param("pattern") String pattern, Pageable page);

    @Query("""
            select r from ImageRepository r
            where (lower(concat(r.namespace, '/', r.name)) like :pattern escape '!'
                   or lower(r.shortDescription) like :pattern escape '!')
              and (:everything = true
                   or r.visibility = io.wharf.index.repository.Visibility.PUBLIC
                   or r.namespace = :username
                   or r.namespace in (select m.organization.name from Membership m where m.account.id = :accountId)
                   or r.id in (select c.repository.id from Collaborator c where c.account.id = :accountId)
                   or (:accountId <> -1 and r.namespace in (select n.name from Namespace n
                                            where n.kind = io.wharf.index.namespace.NamespaceKind.PROXY)))
            order by r.namespace, r.name""")
    List<ImageRepository> findVisible(@Param("pattern") String pattern, @Param("everything") boolean everything,
            @Param("accountId") long accountId, @Param("username") String username);

    /** Gives every repository of {@code namespace} the visibility, as a pull-through cache's repositories follow it. */
    @Modifying(flushAutomatically = true)
    @Query("update ImageRepository r set r.visibility = :visibility where r.namespace = :namespace")
    int setVisibilityOfNamespace(@Param("namespace") String namespace, @Param("visibility") Visibility visibility);
}
