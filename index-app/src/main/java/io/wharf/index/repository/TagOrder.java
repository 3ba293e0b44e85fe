package io.wharf.index.repository;

import org.springframework.data.domain.Sort;

/** How a list of tags is sorted; ties in push time go by name, so that paging is stable. */
public enum TagOrder {
    /** Most recently pushed first: what people look for on a repository page. */
    PUSHED(Sort.by(Sort.Order.desc("pushedAt"), Sort.Order.asc("name"))),
    NAME(Sort.by("name"));

    private final Sort sort;

    TagOrder(Sort sort) {
        this.sort = sort;
    }

    Sort sort() {
        return sort;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
