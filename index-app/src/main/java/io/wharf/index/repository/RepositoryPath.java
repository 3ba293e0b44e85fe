package io.wharf.index.repository;

import io.wharf.contract.name.RepositoryName;
import io.wharf.index.namespace.NamespaceNames;
import java.util.Optional;

/**
 * A repository name split the way the index stores it: the namespace (first component, a user or an
 * organization) and the name below it. {@code acme/team/app} is namespace {@code acme}, name
 * {@code team/app}. Names without a namespace ({@code busybox}) or whose first component cannot be a
 * user or organization name have no place in the index.
 */
public record RepositoryPath(String namespace, String name) {

    public static Optional<RepositoryPath> of(RepositoryName repositoryName) {
        String value = repositoryName.value();
        int slash = value.indexOf('/');
        if (slash < 0 || !NamespaceNames.isValid(value.substring(0, slash))) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryPath(value.substring(0, slash), value.substring(slash + 1)));
    }

    /** Parses a full name, or nothing when it is not a valid repository name with a namespace. */
    public static Optional<RepositoryPath> parse(String fullName) {
        return RepositoryName.isValid(fullName) ? of(new RepositoryName(fullName)) : Optional.empty();
    }

    public String fullName() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
