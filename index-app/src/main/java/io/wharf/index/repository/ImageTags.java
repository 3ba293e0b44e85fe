package io.wharf.index.repository;

import io.wharf.index.persistence.Like;
import io.wharf.index.persistence.Pages;
import io.wharf.index.persistence.Rows;
import io.wharf.index.registry.TagTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code image_tag} table. Changes of a tag are written by {@link #point} and {@link #recordPulls}; counts go up in
 * the database, so that concurrent reports add up.
 */
@Repository
public class ImageTags {

    /** Binds the repository's id and a {@code LIKE} pattern. */
    private static final String MATCHING = " FROM image_tag WHERE repository_id = ? AND name LIKE ?" + Like.ESCAPE;

    private final JdbcClient database;

    ImageTags(JdbcClient database) {
        this.database = database;
    }

    Optional<ImageTag> findByRepositoryIdAndName(long repositoryId, String name) {
        return database.sql("SELECT * FROM image_tag WHERE repository_id = ? AND name = ?")
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

    /** A page of the tags whose name contains {@code name} (a plain string: {@code %} and {@code _} match themselves). */
    Page<ImageTag> findByRepositoryIdAndNameContaining(long repositoryId, String name, TagOrder order,
            Pageable pageable) {
        String pattern = Like.containing(name);
        return Pages.page(matchingInOrder(order), pageable, sql -> database.sql(sql).params(repositoryId, pattern),
                ImageTag.ROWS, () -> database.sql("SELECT COUNT(*)" + MATCHING).params(repositoryId, pattern)
                        .query(Long.class).single());
    }

    /** The tags of a repository whose name is like a pattern, in {@code order}; binds the repository's id, the pattern. */
    static String matchingInOrder(TagOrder order) {
        return "SELECT *" + MATCHING + order.inIndexOrder();
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
        database.sql("DELETE FROM image_tag WHERE id = ?").param(tag.id()).update();
    }

    void deleteByRepositoryId(long repositoryId) {
        database.sql("DELETE FROM image_tag WHERE repository_id = ?").param(repositoryId).update();
    }
}
