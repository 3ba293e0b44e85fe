package io.wharf.index.repository;

/** How a list of tags is sorted; ties in push time go by name, so that paging is stable. */
public enum TagOrder {
    /** Most recently pushed first: what people look for on a repository page. */
    PUSHED("pushed_at DESC, name"),
    NAME("name");

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
