package io.wharf.registry.paging;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One page of a name listing (tags, catalog) in lexical order; {@code more} tells whether names follow,
 * which is what the {@code Link: rel="next"} header announces.
 */
public record NamePage(List<String> names, boolean more) {

    /**
     * Up to {@code limit} names from {@code query}, which is asked for one name more to learn whether more follow.
     * A limit of 0 asks nothing and announces nothing, as the spec requires of {@code n=0}.
     */
    public static NamePage fetch(int limit, IntFunction<List<String>> query) {
        if (limit == 0) {
            return new NamePage(List.of(), false);
        }
        List<String> fetched = query.apply(limit + 1);
        return fetched.size() > limit ? new NamePage(fetched.subList(0, limit), true) : new NamePage(fetched, false);
    }

    public String lastName() {
        return names.get(names.size() - 1);
    }
}
