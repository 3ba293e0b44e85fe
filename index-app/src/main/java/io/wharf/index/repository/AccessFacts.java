package io.wharf.index.repository;

import io.wharf.index.role.Role;

/**
 * Everything a permission decision depends on, looked up beforehand so that
 * {@link RepositoryPermissions#decide} is a pure function.
 *
 * @param administrator the requester is a system administrator
 * @param restriction what limits the requester whatever their role
 * @param namespaceExists a user or organization holds the repository's namespace
 * @param repositoryExists the index knows the repository
 * @param visibility the repository's visibility, {@code null} when it does not exist
 * @param namespaceRole {@link Role#ADMIN} in the requester's own namespace, their role in an organization,
 *     or {@code null}
 * @param repositoryRole the requester's role as a collaborator (or a robot's permission), or {@code null}
 * @param teamRole the strongest role of the requester's teams on the repository (without one: on all of the
 *     organization's repositories), or {@code null}
 */
public record AccessFacts(
        boolean administrator,
        Restriction restriction,
        boolean namespaceExists,
        boolean repositoryExists,
        Visibility visibility,
        Role namespaceRole,
        Role repositoryRole,
        Role teamRole) {

    /** What limits a requester whatever their role; a robot has the restrictions of its namespace's owner. */
    public enum Restriction {
        NONE,
        /** Signed in with a read-only access token: pull only. */
        READ_ONLY_TOKEN,
        /** The user (or the robot's owner) has not confirmed their email address, which pushing needs: pull only. */
        EMAIL_UNCONFIRMED,
        /** A robot whose namespace's owner is locked: nothing at all. */
        OWNER_LOCKED
    }

    /** The role the requester acts with: administrators act as {@link Role#ADMIN} everywhere. */
    public Role effectiveRole() {
        return administrator ? Role.ADMIN : Role.strongest(namespaceRole, Role.strongest(repositoryRole, teamRole));
    }
}
