package io.wharf.index.repository;

import io.wharf.index.persistence.Like;
import io.wharf.index.persistence.Pages;
import io.wharf.index.persistence.Rows;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code repository} table. Changes of a repository are written by the method that names them: nothing is saved
 * by itself. Push and pull counts go up in the database, so that concurrent events add up.
 */
@Repository
public class ImageRepositories {

    /** Who may pull what, as {@link #findVisible(Requester, String)} says; binds everything, accountId, username. */
    private static final String VISIBLE = """
            (:everything = TRUE
             OR r.visibility = 'PUBLIC'
             OR r.namespace = :username
             OR r.namespace IN (SELECT o.name FROM membership m JOIN organization o ON o.id = m.organization_id
                                WHERE m.account_id = :accountId)
             OR r.id IN (SELECT c.repository_id FROM collaborator c WHERE c.account_id = :accountId)
             OR (:accountId <> -1 AND r.namespace IN (SELECT n.name FROM namespace n WHERE n.kind = 'PROXY')))""";

    /** Binds pattern, a {@link #containing(String)} pattern. */
    private static final String MATCHING = """
            (LOWER(r.namespace || '/' || r.name) LIKE :pattern ESCAPE '!'
             OR LOWER(r.short_description) LIKE :pattern ESCAPE '!')""";

    /** The push order, that of the index repository_last_pushed. */
    private static final String PUSH_ORDER = "r.last_pushed_at DESC NULLS LAST, r.namespace, r.name";

    /** The push order backwards: H2 and PostgreSQL read the same index backwards for it. */
    private static final String REVERSE_PUSH_ORDER = "r.last_pushed_at ASC NULLS FIRST, r.namespace DESC, r.name DESC";

    /** The repositories never pushed, last in push order. */
    private static final String NEVER_PUSHED = "r.last_pushed_at IS NULL";

    /** Every pushed repository, as a range of the index (IS NOT NULL would read the never pushed ones too). */
    private static final String PUSHED = "r.last_pushed_at >= TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00Z'";

    private final JdbcClient database;
    private final ApplicationEventPublisher publisher;

    ImageRepositories(JdbcClient database, ApplicationEventPublisher publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    public Optional<ImageRepository> find(RepositoryPath path) {
        return database.sql("SELECT * FROM repository WHERE namespace = ? AND name = ?")
                .params(path.namespace(), path.name()).query(ImageRepository.ROWS).optional();
    }

    public List<ImageRepository> findAllById(Collection<Long> ids) {
        return ids.isEmpty() ? List.of()
                : database.sql("SELECT * FROM repository WHERE id IN (:ids)").param("ids", ids)
                        .query(ImageRepository.ROWS).list();
    }

    public List<ImageRepository> findAllByOrderByNamespaceAscNameAsc() {
        return database.sql("SELECT * FROM repository ORDER BY namespace, name").query(ImageRepository.ROWS).list();
    }

    public boolean existsByNamespace(String namespace) {
        return database.sql("SELECT COUNT(*) FROM repository WHERE namespace = ?").param(namespace)
                .query(Long.class).single() > 0;
    }

    public long count() {
        return database.sql("SELECT COUNT(*) FROM repository").query(Long.class).single();
    }

    /** Inserts the repository; one recorded meanwhile under the same name fails on {@code repository_name_once}. */
    ImageRepository save(ImageRepository repository) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO repository (namespace, name, visibility, created_at, short_description,
                            full_description, push_count, pull_count)
                        VALUES (?, ?, ?, ?, ?, ?, 0, 0)""")
                .params(repository.namespace(), repository.path().name(), repository.visibility().name(),
                        Rows.timestamp(repository.createdAt()), repository.shortDescription(),
                        repository.fullDescription()));
        return repository.inserted(id);
    }

    /** Writes what its admins set: visibility and descriptions. */
    void saveSettings(ImageRepository repository) {
        database.sql("UPDATE repository SET visibility = ?, short_description = ?, full_description = ? WHERE id = ?")
                .params(repository.visibility().name(), repository.shortDescription(), repository.fullDescription(),
                        repository.id())
                .update();
        publisher.publishEvent(new RepositoryListingChanged());
    }

    /** Content arrived at {@code at}; a tag push also counts as a push. */
    void recordPush(ImageRepository repository, Instant at, boolean tagged) {
        repository.recordPush(at, tagged);
        database.sql("""
                        UPDATE repository SET push_count = push_count + ?,
                            last_pushed_at = CASE WHEN last_pushed_at IS NULL OR last_pushed_at < ? THEN ?
                                                  ELSE last_pushed_at END
                        WHERE id = ?""")
                .params(tagged ? 1 : 0, Rows.timestamp(at), Rows.timestamp(at), repository.id())
                .update();
    }

    void recordPulls(ImageRepository repository, long count) {
        repository.recordPulls(count);
        database.sql("UPDATE repository SET pull_count = pull_count + ? WHERE id = ?").params(count, repository.id())
                .update();
    }

    /** Deletes the row; 0 when a concurrent request (the registry's delete event, say) deleted it first. */
    int deleteRepository(long id) {
        int deleted = database.sql("DELETE FROM repository WHERE id = ?").param(id).update();
        publisher.publishEvent(new RepositoryListingChanged());
        return deleted;
    }

    /** Gives every repository of {@code namespace} the visibility, as a pull-through cache's repositories follow it. */
    public int setVisibilityOfNamespace(String namespace, Visibility visibility) {
        int changed = database.sql("UPDATE repository SET visibility = ? WHERE namespace = ?")
                .params(visibility.name(), namespace).update();
        publisher.publishEvent(new RepositoryListingChanged());
        return changed;
    }

    /**
     * The repositories the requester may pull whose full name or short description contains
     * {@code text} (case-insensitively; empty matches all), ordered by name. Administrators see all;
     * users public ones, their own, their organizations', their collaborations and the pull-through caches'; robots
     * and anonymous clients public ones.
     */
    public List<ImageRepository> findVisible(Requester requester, String text) {
        return visibleTo(requester, "SELECT * FROM repository r WHERE " + MATCHING + " AND " + VISIBLE
                + " ORDER BY r.namespace, r.name").param("pattern", containing(text))
                .query(ImageRepository.ROWS).list();
    }

    /** A {@code like ... escape '!'} pattern matching what contains {@code text}, case-insensitively. */
    private static String containing(String text) {
        return Like.containing(text.toLowerCase(Locale.ROOT));
    }

    /** Every repository whose full name or short description contains {@code text} (empty: all), a page at a time. */
    public Page<ImageRepository> findAllContaining(String text, Pageable page) {
        String pattern = containing(text);
        return Pages.page("SELECT * FROM repository r WHERE " + MATCHING + " ORDER BY r.namespace, r.name", page,
                sql -> database.sql(sql).param("pattern", pattern), ImageRepository.ROWS,
                () -> database.sql("SELECT COUNT(*) FROM repository r WHERE " + MATCHING).param("pattern", pattern)
                        .query(Long.class).single());
    }

    /**
     * The first {@code size} repositories the requester may pull, most recently pushed first (never pushed last), read
     * along the index on that order (repository_last_pushed).
     */
    public PushOrderPage<ImageRepository> findVisibleByPushTime(Requester requester, int size) {
        List<ImageRepository> read = visibleInPushOrder(requester, List.of("TRUE"), false, null, size + 1);
        return new PushOrderPage<>(read.subList(0, Math.min(size, read.size())), false, read.size() > size);
    }

    /**
     * The {@code size} repositories the requester may pull that follow {@code position} in push order: read range by
     * range, each a seek in the index to the position's values, so that a page reads its own rows and not every row
     * before it.
     */
    public PushOrderPage<ImageRepository> findVisibleOlderThan(Requester requester, PushPosition position, int size) {
        List<String> ranges = new ArrayList<>(List.of(sameTimeAndNamespace(position) + " AND r.name > :name",
                sameTime(position) + " AND r.namespace > :namespace"));
        if (!position.neverPushed()) {
            ranges.addAll(List.of("r.last_pushed_at < :pushedAt", NEVER_PUSHED));
        }
        List<ImageRepository> read = visibleInPushOrder(requester, ranges, false, position, size + 1);
        return new PushOrderPage<>(read.subList(0, Math.min(size, read.size())), true, read.size() > size);
    }

    /**
     * The {@code size} repositories the requester may pull that precede {@code position} in push order, read
     * backwards along the index; the first page when fewer precede it, so that going back ends on a full first page.
     */
    public PushOrderPage<ImageRepository> findVisibleNewerThan(Requester requester, PushPosition position, int size) {
        List<String> ranges = List.of(sameTimeAndNamespace(position) + " AND r.name < :name",
                sameTime(position) + " AND r.namespace < :namespace",
                position.neverPushed() ? PUSHED : "r.last_pushed_at > :pushedAt");
        List<ImageRepository> read = visibleInPushOrder(requester, ranges, true, position, size + 1);
        if (read.size() <= size) {
            return findVisibleByPushTime(requester, size);
        }
        List<ImageRepository> page = new ArrayList<>(read.subList(0, size));
        Collections.reverse(page);
        return new PushOrderPage<>(page, true, true);
    }

    /** The repositories of the position's namespace pushed when it was (or never, as it was). */
    private static String sameTimeAndNamespace(PushPosition position) {
        return sameTime(position) + " AND r.namespace = :namespace";
    }

    private static String sameTime(PushPosition position) {
        return position.neverPushed() ? NEVER_PUSHED : "r.last_pushed_at = :pushedAt";
    }

    /**
     * At most {@code limit} repositories the requester may pull, from each of the {@code ranges} of the push order in
     * turn while there is room, each in push order or {@code backwards}; {@code position} binds their parameters
     * (pushedAt, namespace, name), null when they have none. One query a range, not one with ORs: the database seeks
     * in the index only to a range it can tell from plain comparisons. Anonymous clients and robots may pull public
     * repositories only ({@link #VISIBLE}); said outright, with the visibility first in the order, their pages are
     * read along repository_visibility_push_order and never through private rows, however many there are.
     */
    private List<ImageRepository> visibleInPushOrder(Requester requester, List<String> ranges, boolean backwards,
            PushPosition position, int limit) {
        String order = backwards ? REVERSE_PUSH_ORDER : PUSH_ORDER;
        String orderBy = requester instanceof UserRequester ? " ORDER BY " + order
                : " AND r.visibility = 'PUBLIC' ORDER BY r.visibility" + (backwards ? " DESC, " : ", ") + order;
        List<ImageRepository> read = new ArrayList<>();
        for (String range : ranges) {
            if (read.size() == limit) {
                break;
            }
            JdbcClient.StatementSpec statement = visibleTo(requester, "SELECT * FROM repository r WHERE " + range
                    + " AND " + VISIBLE + orderBy + " LIMIT " + (limit - read.size()));
            if (position != null) {
                statement = statement.param("pushedAt", Rows.timestamp(position.pushedAt()))
                        .param("namespace", position.path().namespace()).param("name", position.path().name());
            }
            read.addAll(statement.query(ImageRepository.ROWS).list());
        }
        return read;
    }

    /**
     * What a search matches and shows of the repositories with an id above {@code aboveId} (every repository: -1), one
     * row at a time, in no particular order.
     */
    public void forEachListed(long aboveId, ListedRepositories listed) {
        database.sql("SELECT id, namespace, name, short_description, visibility FROM repository WHERE id > ?")
                .param(aboveId).query(row -> {
                    listed.accept(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            Visibility.valueOf(row.getString(5)));
                });
    }

    /** Receives {@link #forEachListed}'s rows. */
    @FunctionalInterface
    public interface ListedRepositories {
        void accept(long id, String namespace, String name, String shortDescription, Visibility visibility);
    }

    /** Which of these repositories the requester may pull, as {@link #findVisible} says. */
    public Set<Long> visibleAmong(Requester requester, Collection<Long> ids) {
        return ids.isEmpty() ? Set.of() : new HashSet<>(visibleTo(requester,
                "SELECT r.id FROM repository r WHERE r.id IN (:ids) AND " + VISIBLE).param("ids", ids)
                .query(Long.class).list());
    }

    /** The private repositories the requester may pull, as {@link #findVisible} says; read along their index. */
    public Set<Long> visiblePrivate(Requester requester) {
        return new HashSet<>(visibleTo(requester,
                "SELECT r.id FROM repository r WHERE r.visibility = 'PRIVATE' AND " + VISIBLE)
                .query(Long.class).list());
    }

    /** {@code sql} with the parameters of {@link #VISIBLE} bound for the requester. */
    private JdbcClient.StatementSpec visibleTo(Requester requester, String sql) {
        JdbcClient.StatementSpec statement = database.sql(sql);
        if (requester instanceof UserRequester user) {
            return statement.param("everything", user.administrator()).param("accountId", user.accountId())
                    .param("username", user.username());
        }
        // No account has id -1 and no namespace is named "": only public repositories match.
        return statement.param("everything", false).param("accountId", -1L).param("username", "");
    }
}
