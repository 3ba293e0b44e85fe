package io.wharf.contract.name;

/**
 * A repository name as the OCI distribution spec defines it: one or more path components of
 * lowercase alphanumerics joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated
 * by {@code /} (for example {@code team/sub/app}). Names are at most 255 characters, as in CNCF
 * Distribution, so that they fit in a database column and a storage path.
 *
 * <p>A name of one component is a top-level repository, one of the registry's base images, and is short for the
 * same name in the {@link #OFFICIAL_NAMESPACE} namespace, as on Docker Hub: {@code ubuntu} and {@code library/ubuntu}
 * are one repository. {@link #value()} is always the full form, so whatever stores, compares or reports a name
 * (the registry's storage and events, the index, tokens) sees one spelling.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    public static final int MAX_LENGTH = 255;

    /** The namespace of the top-level repositories; the index holds it as a built-in organization. */
    public static final String OFFICIAL_NAMESPACE = "library";

    public RepositoryName {
        if (!isValid(value)) {
            throw new InvalidRepositoryNameException(value);
        }
        value = fullForm(value);
    }

    /** {@code name} with the {@link #OFFICIAL_NAMESPACE} added when it has one component; any other name unchanged. */
    public static String fullForm(String name) {
        return name.indexOf('/') < 0 ? OFFICIAL_NAMESPACE + "/" + name : name;
    }

    /**
     * Whether {@code candidate} matches the spec's {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)
     * [a-z0-9]+)*)*} and the length limit, which its {@link #fullForm} must keep. Scanned by hand rather than with that regular expression: it runs on every
     * registry request, and a regex match allocates.
     */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || fullForm(candidate).length() > MAX_LENGTH) {
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
        return value.substring(0, value.indexOf('/'));
    }

    /** The path below the namespace: {@code app} of {@code acme/app}, {@code ubuntu} of a top-level {@code ubuntu}. */
    public String path() {
        return value.substring(value.indexOf('/') + 1);
    }

    /** Whether this is a top-level repository (Docker's "official image"): one in the {@link #OFFICIAL_NAMESPACE}. */
    public boolean official() {
        return namespace().equals(OFFICIAL_NAMESPACE);
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
