package io.wharf.registry.paging;

import java.util.List;

/**
 * One page of a name listing (tags, catalog) in lexical order; {@code more} tells whether names follow,
 * which is what the {@code Link: rel="next"} header announces.
 */
public record NamePage(List<String> names, boolean more) {

    /** Builds a page from a query that fetched one name beyond {@code limit}, to learn whether more follow. */
    public static NamePage fromOneExtra(List<String> fetched, int limit) {
        return fetched.size() > limit ? new NamePage(fetched.subList(0, limit), true) : new NamePage(fetched, false);
    }

    public static NamePage empty() {
        return new NamePage(List.of(), false);
    }

    public String lastName() {
        return names.get(names.size() - 1);
    }
}
