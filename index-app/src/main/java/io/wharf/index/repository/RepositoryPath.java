package io.wharf.index.repository;

import io.wharf.contract.name.RepositoryName;
import io.wharf.index.namespace.NamespaceNames;
import java.util.Optional;

/**
 * A repository name split the way the index stores it: the namespace (first component, a user or an
 * organization) and the name below it. {@code acme/team/app} is namespace {@code acme}, name
 * {@code team/app}; a top-level {@code busybox} is {@code library/busybox} ({@link RepositoryName}'s rule). Names
 * whose first component cannot be a user or organization name have no place in the index.
 */
public record RepositoryPath(String namespace, String name) {

    public static Optional<RepositoryPath> of(RepositoryName repositoryName) {
        if (!NamespaceNames.isValid(repositoryName.namespace())) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryPath(repositoryName.namespace(), repositoryName.path()));
    }

    /** Parses a full or top-level name, or nothing when it is not a valid repository name with a possible namespace. */
    public static Optional<RepositoryPath> parse(String fullName) {
        return RepositoryName.isValid(fullName) ? of(new RepositoryName(fullName)) : Optional.empty();
    }

    public String fullName() {
        return namespace + "/" + name;
    }

    /** Whether this is a top-level repository, one of the built-in {@code library} organization. */
    public boolean official() {
        return namespace.equals(RepositoryName.OFFICIAL_NAMESPACE);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
