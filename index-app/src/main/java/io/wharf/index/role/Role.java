package io.wharf.index.role;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.wharf.index.error.WireNames;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A role of an organization member, a repository collaborator or a robot, from weakest to strongest.
 * On a repository: read pulls, write also pushes, admin also deletes and manages the repository. In an
 * organization: the same on all of its repositories; write also creates repositories, admin also
 * manages members and robots.
 */
public enum Role {
    READ(EnumSet.of(RepositoryAction.PULL)),
    WRITE(EnumSet.of(RepositoryAction.PULL, RepositoryAction.PUSH)),
    ADMIN(EnumSet.allOf(RepositoryAction.class));

    private final Set<RepositoryAction> actions;

    Role(EnumSet<RepositoryAction> actions) {
        this.actions = Collections.unmodifiableSet(actions);
    }

    public Set<RepositoryAction> actions() {
        return actions;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The stronger of two roles, either of which may be absent ({@code null}). */
    public static Role strongest(Role first, Role second) {
        if (first == null) {
            return second;
        }
        return second == null || first.atLeast(second) ? first : second;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Role fromWireName(String wireName) {
        return WireNames.parse(Role.class, wireName);
    }
}
