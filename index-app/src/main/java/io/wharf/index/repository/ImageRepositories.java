package io.wharf.index.repository;

import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
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

    /** Who may pull what, as {@link #findVisible(Requester, String)} says; binds everything, accountId, username. */
    String VISIBLE = """
            (:everything = true
             or r.visibility = io.wharf.index.repository.Visibility.PUBLIC
             or r.namespace = :username
             or r.namespace in (select m.organization.name from Membership m where m.account.id = :accountId)
             or r.id in (select c.repository.id from Collaborator c where c.account.id = :accountId)
             or (:accountId <> -1 and r.namespace in (select n.name from Namespace n
                                      where n.kind = io.wharf.index.namespace.NamespaceKind.PROXY)))""";

    /** Binds pattern, a {@link #containing(String)} pattern. */
    String MATCHING = """
            (lower(concat(r.namespace, '/', r.name)) like :pattern escape '!'
             or lower(r.shortDescription) like :pattern escape '!')""";

    @Query("select r from ImageRepository r where " + MATCHING + " and " + VISIBLE + " order by r.namespace, r.name")
    List<ImageRepository> findVisible(@Param("pattern") String pattern, @Param("everything") boolean everything,
            @Param("accountId") long accountId, @Param("username") String username);

    /**
     * A page of the repositories the requester may pull, most recently pushed first (never pushed last), read along
     * the index on that order. A slice, not a page: counting them all would read every row.
     */
    default Slice<ImageRepository> findVisibleByPushTime(Requester requester, Pageable page) {
        if (requester instanceof UserRequester user) {
            return findVisibleByPushTime(user.administrator(), user.accountId(), user.username(), page);
        }
        return findVisibleByPushTime(false, -1, "", page);
    }

    @Query("select r from ImageRepository r where " + VISIBLE
            + " order by r.lastPushedAt desc nulls last, r.namespace, r.name")
    Slice<ImageRepository> findVisibleByPushTime(@Param("everything") boolean everything,
            @Param("accountId") long accountId, @Param("username") String username, Pageable page);

    /**
     * A page of {@code docker search}'s ranking, computed by the database: the repositories the requester may pull
     * whose full name or short description contains {@code text} (lower case), the exact name first (full, or the
     * part after the namespace), then names starting with {@code text}, then other matches; within each, most stars
     * first, then by name.
     */
    default Page<ImageRepository> search(Requester requester, String text, Pageable page) {
        String prefix = containing(text).substring(1);
        if (requester instanceof UserRequester user) {
            return search(containing(text), prefix, text, user.administrator(), user.accountId(), user.username(),
                    page);
        }
        return search(containing(text), prefix, text, false, -1, "", page);
    }

    @Query(value = "select r from ImageRepository r where " + MATCHING + " and " + VISIBLE + """
             order by case when concat(r.namespace, '/', r.name) = :text or r.name = :text then 0
                           when concat(r.namespace, '/', r.name) like :prefix escape '!'
                                or r.name like :prefix escape '!' then 1
                           else 2 end,
                      (select count(s) from Star s where s.repository = r) desc,
                      r.namespace, r.name""",
            countQuery = "select count(r) from ImageRepository r where " + MATCHING + " and " + VISIBLE)
    Page<ImageRepository> search(@Param("pattern") String pattern, @Param("prefix") String prefix,
            @Param("text") String text, @Param("everything") boolean everything, @Param("accountId") long accountId,
            @Param("username") String username, Pageable page);

    /** Gives every repository of {@code namespace} the visibility, as a pull-through cache's repositories follow it. */
    @Modifying(flushAutomatically = true)
    @Query("update ImageRepository r set r.visibility = :visibility where r.namespace = :namespace")
    int setVisibilityOfNamespace(@Param("namespace") String namespace, @Param("visibility") Visibility visibility);
}
