package io.wharf.index.repository;

import io.wharf.index.role.Role;

/**
 * Everything a permission decision depends on, looked up beforehand so that
 * {@link RepositoryPermissions#decide} is a pure function.
 *
 * @param administrator the requester is a system administrator
 * @param writeRestricted the requester may only read: a read-only access token, or a user whose email
 *     address still needs confirming
 * @param namespaceExists a user or organization holds the repository's namespace
 * @param repositoryExists the index knows the repository
 * @param visibility the repository's visibility, {@code null} when it does not exist
 * @param namespaceRole {@link Role#ADMIN} in the requester's own namespace, their role in an organization,
 *     or {@code null}
 * @param repositoryRole the requester's role as a collaborator (or a robot's permission), or {@code null}
 */
public record AccessFacts(
        boolean administrator,
        boolean writeRestricted,
        boolean namespaceExists,
        boolean repositoryExists,
        Visibility visibility,
        Role namespaceRole,
        Role repositoryRole) {

    /** The role the requester acts with: administrators act as {@link Role#ADMIN} everywhere. */
    public Role effectiveRole() {
        return administrator ? Role.ADMIN : Role.strongest(namespaceRole, repositoryRole);
    }
}
