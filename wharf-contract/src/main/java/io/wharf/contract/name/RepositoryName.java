package io.wharf.contract.name;

import java.util.regex.Pattern;

/**
 * A repository name as the OCI distribution spec defines it: one or more path components of
 * lowercase alphanumerics joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated
 * by {@code /} (for example {@code team/sub/app}). Names are at most 255 characters, as in CNCF
 * Distribution, so that they fit in a database column and a storage path.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    public static final int MAX_LENGTH = 255;

    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern GRAMMAR = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

    public RepositoryName {
        if (!isValid(value)) {
            throw new InvalidRepositoryNameException(value);
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null
                && !candidate.isEmpty()
                && candidate.length() <= MAX_LENGTH
                && GRAMMAR.matcher(candidate).matches();
    }

    /** The first path component, which is the account or organization that owns the repository. */
    public String namespace() {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
