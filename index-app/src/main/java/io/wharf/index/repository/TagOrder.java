package io.wharf.index.repository;

/**
 * How a list of tags is sorted; ties in push time go by name, so that paging is stable. Each order starts with the
 * repository, which every query of tags fixes: that tells H2 an index (image_tag_pushed, image_tag_once) already
 * holds the rows in this order, so a page reads its own rows instead of sorting every tag of the repository.
 */
public enum TagOrder {
    /** Most recently pushed first: what people look for on a repository page. */
    PUSHED("repository_id, pushed_at DESC, name"),
    NAME("repository_id, name");

    private final String orderBy;

    TagOrder(String orderBy) {
        this.orderBy = orderBy;
    }

    /** The {@code ORDER BY} columns of the {@code image_tag} table. */
    String orderBy() {
        return orderBy;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
