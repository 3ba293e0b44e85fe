package io.wharf.index.repository;

import io.wharf.index.persistence.Like;
import io.wharf.index.persistence.Rows;
import io.wharf.index.registry.TagTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code image_tag} table, and the tag count stored with each repository, kept with its rows. Changes of a tag are
 * written by {@link #point} and {@link #recordPulls}; counts go up in the database, so that concurrent reports add up.
 */
@Repository
public class ImageTags {

    private final JdbcClient database;

    ImageTags(JdbcClient database) {
        this.database = database;
    }

    Optional<ImageTag> findByRepositoryIdAndName(long repositoryId, String name) {
        // In the order of image_tag_once, so that H2 looks the tag up there rather than read every tag of the
        // repository in the foreign key's index (see TagOrder).
        return database.sql("SELECT * FROM image_tag WHERE repository_id = ? AND name = ? ORDER BY repository_id, name")
                .params(repositoryId, name).query(ImageTag.ROWS).optional();
    }

    List<ImageTag> findByRepositoryIdOrderByName(long repositoryId) {
        return database.sql("SELECT * FROM image_tag WHERE repository_id = ?" + TagOrder.NAME.inIndexOrder())
                .param(repositoryId).query(ImageTag.ROWS).list();
    }

    Optional<ImageTag> findFirstByRepositoryIdOrderByPushedAtDescNameAsc(long repositoryId) {
        return database.sql("SELECT * FROM image_tag WHERE repository_id = ?" + TagOrder.PUSHED.inIndexOrder()
                        + " LIMIT 1")
                .param(repositoryId).query(ImageTag.ROWS).optional();
    }

    List<ImageTag> findByRepositoryIdAndDigest(long repositoryId, String digest) {
        return database.sql("SELECT * FROM image_tag WHERE repository_id = ? AND digest = ?")
                .params(repositoryId, digest).query(ImageTag.ROWS).list();
    }

    /**
     * Up to {@code limit} tags whose name contains {@code name} (a plain string: {@code %} and {@code _} match
     * themselves; empty: every tag), read in {@code order} from {@code cursor} (null: from the start); a backward
     * cursor reads them backwards, nearest to the cursor first.
     */
    List<ImageTag> findFrom(long repositoryId, String name, TagOrder order, TagCursor cursor, int limit) {
        List<Object> values = new ArrayList<>();
        values.add(repositoryId);
        if (!name.isEmpty()) {
            values.add(Like.containing(name));
        }
        values.addAll(order.cursorValues(cursor));
        values.add(limit);
        return database.sql(fromCursor(order, cursor, !name.isEmpty()) + " LIMIT ?").params(values)
                .query(ImageTag.ROWS).list();
    }

    /**
     * The tags of a repository from {@code cursor} on, in {@code order}; binds the repository's id, the {@code LIKE}
     * pattern when {@code filtered}, then the cursor's values.
     */
    static String fromCursor(TagOrder order, TagCursor cursor, boolean filtered) {
        return "SELECT * FROM image_tag WHERE repository_id = ?" + (filtered ? " AND name LIKE ?" + Like.ESCAPE : "")
                + order.fromCursor(cursor);
    }

    /** How many tags of the repository have a name containing {@code name}: a scan of its tags' names. */
    long countContaining(long repositoryId, String name) {
        return database.sql("SELECT COUNT(*) FROM image_tag WHERE repository_id = ? AND name LIKE ?" + Like.ESCAPE)
                .params(repositoryId, Like.containing(name)).query(Long.class).single();
    }

    /** How many tags the repository holds, as stored with it (no count of its tags). */
    long countOf(long repositoryId) {
        return database.sql("SELECT tag_count FROM repository WHERE id = ?").param(repositoryId).query(Long.class)
                .optional().orElse(0L);
    }

    /** Counts the repository's tags afresh, mending a stored count that anything went around. */
    void recount(long repositoryId) {
        database.sql("UPDATE repository SET tag_count = (SELECT COUNT(*) FROM image_tag WHERE repository_id = ?)"
                + " WHERE id = ?").params(repositoryId, repositoryId).update();
    }

    public long count() {
        return database.sql("SELECT COUNT(*) FROM image_tag").query(Long.class).single();
    }

    void save(ImageTag tag) {
        database.sql("""
                        INSERT INTO image_tag (repository_id, name, digest, media_type, size, platforms, pushed_at,
                            pull_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(tag.repositoryId(), tag.name(), tag.digest(), tag.mediaType(), tag.size(), tag.platforms(),
                        Rows.timestamp(tag.pushedAt()))
                .update();
        addToCount(tag.repositoryId(), 1);
    }

    /** Makes the tag point at {@code target}, as the registry did at {@code at}. */
    void point(ImageTag tag, TagTarget target, Instant at) {
        tag.point(target, at);
        database.sql("UPDATE image_tag SET digest = ?, media_type = ?, size = ?, platforms = ?, pushed_at = ? WHERE id = ?")
                .params(tag.digest(), tag.mediaType(), tag.size(), tag.platforms(), Rows.timestamp(tag.pushedAt()),
                        tag.id())
                .update();
    }

    /** {@code count} more pulls started by this tag, the last of them at {@code lastAt} (null: unknown). */
    void recordPulls(ImageTag tag, long count, Instant lastAt) {
        tag.recordPulls(count, lastAt);
        if (lastAt == null) {
            database.sql("UPDATE image_tag SET pull_count = pull_count + ? WHERE id = ?").params(count, tag.id())
                    .update();
            return;
        }
        database.sql("""
                        UPDATE image_tag SET pull_count = pull_count + ?,
                            last_pulled_at = CASE WHEN last_pulled_at IS NULL OR last_pulled_at < ? THEN ?
                                                  ELSE last_pulled_at END
                        WHERE id = ?""")
                .params(count, Rows.timestamp(lastAt), Rows.timestamp(lastAt), tag.id())
                .update();
    }

    void delete(ImageTag tag) {
        // A concurrent delete of the same tag found no row: only the one that removed it counts it.
        addToCount(tag.repositoryId(), -database.sql("DELETE FROM image_tag WHERE id = ?").param(tag.id()).update());
    }

    void deleteByRepositoryId(long repositoryId) {
        addToCount(repositoryId,
                -database.sql("DELETE FROM image_tag WHERE repository_id = ?").param(repositoryId).update());
    }

    /**
     * Keeps the repository's stored tag count with its rows, in the same transaction; added up in the database, so
     * that concurrent changes add up.
     */
    private void addToCount(long repositoryId, int change) {
        if (change != 0) {
            database.sql("UPDATE repository SET tag_count = tag_count + ? WHERE id = ?").params(change, repositoryId)
                    .update();
        }
    }
}
