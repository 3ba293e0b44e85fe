package io.wharf.index.team;

import io.wharf.index.error.ApiException;
import io.wharf.index.error.WireNames;

/**
 * A group of a directory that fills a team, written {@code source:group}: {@code ldap:cn=devs,ou=groups,dc=example,dc=org}
 * or {@code oidc:developers}.
 */
public record DirectoryGroup(DirectorySource source, String group) {

    public static final int MAX_LENGTH = 500;

    /** Reads {@code source:group}; the refusal names the field {@code directoryGroup}. */
    public static DirectoryGroup parse(String written) {
        int colon = written.indexOf(':');
        String group = colon < 0 ? "" : written.substring(colon + 1).strip();
        if (colon < 0 || group.isEmpty() || group.length() > MAX_LENGTH) {
            throw invalid("Write the directory group as ldap:<group DN> or oidc:<group name>, at most "
                    + MAX_LENGTH + " characters after the colon.");
        }
        try {
            return new DirectoryGroup(WireNames.parse(DirectorySource.class, written.substring(0, colon).strip()), group);
        } catch (IllegalArgumentException unknownSource) {
            throw invalid("The directory group starts with its source, ldap: or oidc:. " + unknownSource.getMessage());
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(message).onField("directoryGroup");
    }

    /** Whether the directory names this group {@code named} (as the source compares names). */
    public boolean matches(DirectorySource namedBy, String named) {
        return source == namedBy && source.sameGroup(group, named);
    }

    @Override
    public String toString() {
        return source.wireName() + ":" + group;
    }
}
