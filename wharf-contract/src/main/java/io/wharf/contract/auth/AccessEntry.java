package io.wharf.contract.auth;

import io.wharf.contract.name.RepositoryName;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a token's {@code access} claim, or one resource scope of a token request: the actions
 * granted (or asked for) on one resource, for example {@code repository samalba/my-app [pull, push]}.
 *
 * <p>The actions are kept sorted so that equal entries print, compare and serialize the same way.
 */
public record AccessEntry(String type, String name, Set<String> actions) {

    /** A repository of images or other artifacts; its actions are {@link #PULL}, {@link #PUSH} and {@link #DELETE}. */
    public static final String REPOSITORY = "repository";

    /** The registry as a whole; its only resource is {@link #CATALOG}. */
    public static final String REGISTRY = "registry";

    /** The name of the {@link #REGISTRY} resource that lists (and searches) repositories. */
    public static final String CATALOG = "catalog";

    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";

    /** {@code registry:catalog:*}: list every repository. */
    public static final String ALL = "*";

    /** {@code registry:catalog:search}: search repositories (results filtered by visibility). */
    public static final String SEARCH = "search";

    public AccessEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        actions = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(actions, "actions")));
    }

    public static AccessEntry repository(String name, String... actions) {
        return new AccessEntry(REPOSITORY, name, Set.of(actions));
    }

    /** The same resource with other actions, for example the granted subset of a requested entry. */
    public AccessEntry withActions(Collection<String> grantedActions) {
        return new AccessEntry(type, name, new TreeSet<>(grantedActions));
    }

    /** Whether this entry is about that resource; {@code ubuntu} and {@code library/ubuntu} are one repository. */
    public boolean isSameResource(String otherType, String otherName) {
        if (!type.equals(otherType)) {
            return false;
        }
        return REPOSITORY.equals(type)
                ? RepositoryName.fullForm(name).equals(RepositoryName.fullForm(otherName))
                : name.equals(otherName);
    }

    /** Whether this entry grants {@code action}; {@link #ALL} grants every action on the resource. */
    public boolean allows(String action) {
        return actions.contains(action) || actions.contains(ALL);
    }

    /** The entry in scope syntax, for example {@code repository:samalba/my-app:pull,push}. */
    public String toScope() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
