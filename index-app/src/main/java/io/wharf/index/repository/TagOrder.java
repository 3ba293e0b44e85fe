package io.wharf.index.repository;

/**
 * How a list of tags is sorted; ties in push time go by name, so that paging is stable. Each order is that of an
 * index (image_tag_pushed, image_tag_once), so that a page reads its own rows instead of sorting every tag of the
 * repository.
 */
public enum TagOrder {
    /** Most recently pushed first: what people look for on a repository page. */
    PUSHED("repository_id, pushed_at DESC, name", "pushed_at >= TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00Z'"),
    NAME("repository_id, name", "name >= ''");

    private final String orderBy;
    private final String indexRange;

    TagOrder(String orderBy, String indexRange) {
        this.orderBy = orderBy;
        this.indexRange = indexRange;
    }

    /**
     * What follows a {@code WHERE} on {@code image_tag} that fixes the repository: a condition every tag meets, on
     * the order's second column, then the {@code ORDER BY}. H2 weighs an index only by its columns that the query
     * fixes: with the repository alone, the foreign key's index on it looks as good as the ordered one, and H2 takes
     * it and sorts every tag of the repository. The range makes the ordered index the better choice.
     */
    String inIndexOrder() {
        return " AND " + indexRange + " ORDER BY " + orderBy;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
