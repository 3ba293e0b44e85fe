package io.wharf.index.search;

import java.util.Comparator;
import java.util.Locale;

/**
 * One repository as search matches and ranks it: its full name and short description in lower case, whether anyone
 * may pull it, and its stars when last read.
 */
record ListedRepository(long id, String namespace, String lowerFullName, String lowerDescription, boolean isPublic,
        long stars) {

    /**
     * The order within a rank: most stars first, then by namespace and name. Within one namespace the full names share
     * their start, so they compare as the names do (names are lower case, as the distribution spec has them).
     */
    static final Comparator<ListedRepository> BY_STARS_THEN_NAME = Comparator
            .comparingLong(ListedRepository::stars).reversed()
            .thenComparing(ListedRepository::namespace)
            .thenComparing(ListedRepository::lowerFullName);

    static ListedRepository of(long id, String namespace, String name, String shortDescription, boolean isPublic,
            long stars) {
        // Most repositories have no description: they share one empty string.
        String description = shortDescription == null || shortDescription.isEmpty() ? "" : lower(shortDescription);
        return new ListedRepository(id, namespace, lower(namespace + "/" + name), description, isPublic, stars);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} (lower case) is part of the full name or of the short description. */
    boolean matches(String text) {
        return lowerFullName.contains(text) || lowerDescription.contains(text);
    }

    /**
     * How well it matches {@code text}: 0 for the exact name (full, or the part after the namespace), 1 for a name that
     * starts with it, 2 for any other match.
     */
    int rank(String text) {
        int nameStart = namespace.length() + 1;
        boolean nameStartsWith = lowerFullName.startsWith(text, nameStart);
        if (lowerFullName.equals(text) || nameStartsWith && lowerFullName.length() - nameStart == text.length()) {
            return 0;
        }
        return nameStartsWith || lowerFullName.startsWith(text) ? 1 : 2;
    }
}
