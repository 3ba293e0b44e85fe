package io.wharf.index.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a change was made to: a kind ({@code account}, {@code organization}, {@code repository},
 * {@code access-token}, {@code robot}, {@code lifecycle-rules}, ...: lowercase words joined by {@code -}) and its
 * name, by which the audit log is searched (a repository's full name, a user's name, {@code alice/ci-token} for
 * an access token named {@code ci-token} of {@code alice}).
 */
public record AuditTarget(String kind, String name) {

    private static final Pattern KIND = Pattern.compile("[a-z]+(-[a-z]+)*");
    static final int MAX_KIND_LENGTH = 40;
    static final int MAX_NAME_LENGTH = 512;

    public AuditTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!KIND.matcher(kind).matches() || kind.length() > MAX_KIND_LENGTH) {
            throw new IllegalArgumentException("an audit target kind is lowercase words joined by '-': " + kind);
        }
        name = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    public static AuditTarget account(String username) {
        return new AuditTarget("account", username);
    }

    public static AuditTarget organization(String name) {
        return new AuditTarget("organization", name);
    }

    public static AuditTarget repository(String fullName) {
        return new AuditTarget("repository", fullName);
    }

    /** A user's or an organization's namespace, for changes that are about all of it. */
    public static AuditTarget namespace(String name) {
        return new AuditTarget("namespace", name);
    }

    /** A personal access token, named by its owner and its own name. */
    public static AuditTarget accessToken(String owner, String tokenName) {
        return new AuditTarget("access-token", owner + "/" + tokenName);
    }

    /** A robot account, by its full name {@code <namespace>+<robot>}. */
    public static AuditTarget robot(String fullName) {
        return new AuditTarget("robot", fullName);
    }
}
