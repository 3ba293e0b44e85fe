package io.wharf.index.repository;

import java.util.List;

/**
 * A page of a repository's tags, read from a cursor.
 *
 * @param total how many tags the list holds in all (those matching its filter)
 * @param hasPrevious whether tags come before this page (assumed after a forward cursor: the cursor's tag did)
 * @param hasNext whether tags follow it
 */
public record TagPage(List<TagView> tags, long total, boolean hasPrevious, boolean hasNext) {

    public boolean isEmpty() {
        return tags.isEmpty();
    }
}
