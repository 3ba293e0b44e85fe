package io.wharf.contract.name;

/**
 * A repository name as the OCI distribution spec defines it: one or more path components of
 * lowercase alphanumerics joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated
 * by {@code /} (for example {@code team/sub/app}). Names are at most 255 characters, as in CNCF
 * Distribution, so that they fit in a database column and a storage path.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    public static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (!isValid(value)) {
            throw new InvalidRepositoryNameException(value);
        }
    }

    /**
     * Whether {@code candidate} matches the spec's {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)
     * [a-z0-9]+)*)*} and the length limit. Scanned by hand rather than with that regular expression: it runs on every
     * registry request, and a regex match allocates.
     */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        int length = candidate.length();
        int at = 0;
        while (true) {
            at = alphanumericRun(candidate, at);
            if (at < 0) {
                return false;
            }
            if (at == length) {
                return true;
            }
            char next = candidate.charAt(at);
            if (next == '/' || next == '.') {
                at++;
            } else if (next == '_') {
                at += candidate.startsWith("__", at) ? 2 : 1;
            } else if (next == '-') {
                while (at < length && candidate.charAt(at) == '-') {
                    at++;
                }
            } else {
                return false;
            }
        }
    }

    /** The end of the run of {@code [a-z0-9]} starting at {@code from}, or -1 if none starts there. */
    private static int alphanumericRun(String text, int from) {
        int at = from;
        while (at < text.length() && isLowercaseAlphanumeric(text.charAt(at))) {
            at++;
        }
        return at > from ? at : -1;
    }

    private static boolean isLowercaseAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
