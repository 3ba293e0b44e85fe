package io.wharf.index.repository;

import io.wharf.index.persistence.Rows;
import java.util.List;

/**
 * How a list of tags is sorted; ties in push time go by name, so that paging is stable. Each order is that of an
 * index (image_tag_pushed, image_tag_once), and a page is read along it from a cursor (keyset paging): a page reads its
 * own rows, at any depth, instead of sorting every tag of the repository or skipping every row before it.
 *
 * <p>H2 weighs an index only by its columns that the query fixes: with the repository alone (a bound parameter), the
 * foreign key's index on it looks as good as the ordered one, and H2 takes it and sorts every tag of the repository.
 * Each query therefore bounds the order's second column, on both sides in push order (a bound every tag meets where
 * the cursor sets none), which makes the ordered index the better choice, read forwards or backwards. The cursor's
 * bound goes with a constant bound on the other side only: with constants on both sides, H2 seeks by a constant.
 */
public enum TagOrder {
    /** Most recently pushed first: what people look for on a repository page. */
    PUSHED("repository_id, pushed_at DESC, name", "repository_id DESC, pushed_at, name DESC",
            Bounds.EARLIEST + " AND " + Bounds.LATEST,
            // After a tag: pushed before it, or at the same time with a later name; before it: the reverse.
            Bounds.EARLIEST + " AND pushed_at <= ? AND (pushed_at < ? OR name > ?)",
            Bounds.LATEST + " AND pushed_at >= ? AND (pushed_at > ? OR name < ?)"),
    NAME("repository_id, name", "repository_id DESC, name DESC", "name >= ''", "name > ?", "name >= '' AND name < ?");

    private final String orderBy;
    private final String reversedOrderBy;
    private final String everyTag;
    private final String afterCursor;
    private final String beforeCursor;

    TagOrder(String orderBy, String reversedOrderBy, String everyTag, String afterCursor, String beforeCursor) {
        this.orderBy = orderBy;
        this.reversedOrderBy = reversedOrderBy;
        this.everyTag = everyTag;
        this.afterCursor = afterCursor;
        this.beforeCursor = beforeCursor;
    }

    /**
     * What follows a {@code WHERE} on {@code image_tag} that fixes the repository to read every tag in this order:
     * the range on the order's second column, then the {@code ORDER BY}.
     */
    String inIndexOrder() {
        return " AND " + everyTag + " ORDER BY " + orderBy;
    }

    /**
     * What follows a {@code WHERE} on {@code image_tag} that fixes the repository to read from {@code cursor} on (the
     * first page when it is null): the range, then the {@code ORDER BY}, backwards for a backward cursor. It binds
     * {@link #cursorValues}.
     */
    String fromCursor(TagCursor cursor) {
        if (cursor == null) {
            return inIndexOrder();
        }
        if (cursor.backward()) {
            return " AND " + beforeCursor + " ORDER BY " + reversedOrderBy;
        }
        return " AND " + afterCursor + " ORDER BY " + orderBy;
    }

    /** The values {@link #fromCursor} binds. */
    List<Object> cursorValues(TagCursor cursor) {
        if (cursor == null) {
            return List.of();
        }
        return switch (this) {
            case PUSHED -> List.of(Rows.timestamp(cursor.pushedAt()), Rows.timestamp(cursor.pushedAt()), cursor.name());
            case NAME -> List.of(cursor.name());
        };
    }

    /** Push times every tag is between. */
    private static final class Bounds {
        static final String EARLIEST = "pushed_at >= TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00Z'";
        static final String LATEST = "pushed_at <= TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59Z'";
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
