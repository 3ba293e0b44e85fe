package io.wharf.index.repository;

import io.wharf.contract.auth.AccessRefusal;
import io.wharf.index.accesstoken.RobotPermission;
import io.wharf.index.accesstoken.RobotPermissions;
import io.wharf.index.namespace.Namespace;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.org.Membership;
import io.wharf.index.org.Memberships;
import io.wharf.index.repository.AccessFacts.Restriction;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.RobotRequester;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.role.RepositoryAction;
import io.wharf.index.role.Role;
import io.wharf.index.team.TeamRoles;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides who may do what with repositories, for registry tokens and the REST API.
 *
 * <ul>
 *   <li>Anyone, anonymous clients included, may pull a public repository.
 *   <li>The owner of a user namespace acts as {@link Role#ADMIN} on its repositories; organization
 *       members, collaborators and members of an organization's teams act with their {@link Role} (a team's on
 *       the repositories it names, or on all of the organization's); the strongest role counts. Only the
 *       organization's own admins (and administrators) manage it: a team's admin role is on repositories.
 *   <li>Robots act only with the permissions given to them on repositories of their namespace, and never with more
 *       than the user who owns that namespace could: nothing while that user is locked, pull only while their email
 *       address needs confirming.
 *   <li>System administrators may do anything.
 *   <li>A repository the index does not know yet may be pushed (and thereby created) by whoever may
 *       create repositories in its namespace: its owner, organization writers and admins, administrators.
 *   <li>Read-only access tokens and users whose email address still needs confirming may only pull.
 *   <li>Top-level repositories ({@code ubuntu}, which is {@code library/ubuntu}) are those of the built-in
 *       organization {@code library}: administrators and its writers push them.
 * </ul>
 * Whatever is refused has one {@link AccessRefusal.Reason}, {@link #refusalReason}.
 */
@Service
@Transactional(readOnly = true)
public class RepositoryPermissions {

    private static final Set<RepositoryAction> PULL_ONLY = Collections.unmodifiableSet(EnumSet.of(RepositoryAction.PULL));

    private final Namespaces namespaces;
    private final ImageRepositories repositories;
    private final Memberships memberships;
    private final Collaborators collaborators;
    private final RobotPermissions robotPermissions;
    private final TeamRoles teamRoles;

    public RepositoryPermissions(Namespaces namespaces, ImageRepositories repositories, Memberships memberships,
            Collaborators collaborators, RobotPermissions robotPermissions, TeamRoles teamRoles) {
        this.namespaces = namespaces;
        this.repositories = repositories;
        this.memberships = memberships;
        this.collaborators = collaborators;
        this.robotPermissions = robotPermissions;
        this.teamRoles = teamRoles;
    }

    /** The decision itself, free of lookups: see the class comment for the rules. */
    public static Set<RepositoryAction> decide(AccessFacts facts) {
        if (facts.restriction() == Restriction.OWNER_LOCKED) {
            return EnumSet.noneOf(RepositoryAction.class);
        }
        Set<RepositoryAction> granted = byRole(facts);
        if (facts.restriction() != Restriction.NONE) {
            granted.retainAll(PULL_ONLY);
        }
        return granted;
    }

    /**
     * Why {@link #decide} leaves out {@code refused}: the restriction when the role alone would allow them, otherwise
     * what is missing for a write (a namespace, a place in the official one, a stronger role) or for a pull.
     */
    public static AccessRefusal.Reason refusalReason(AccessFacts facts, boolean officialNamespace,
            Set<RepositoryAction> refused) {
        if (facts.restriction() == Restriction.OWNER_LOCKED) {
            return AccessRefusal.Reason.LOCKED;
        }
        if (facts.restriction() != Restriction.NONE && byRole(facts).containsAll(refused)) {
            return facts.restriction() == Restriction.READ_ONLY_TOKEN
                    ? AccessRefusal.Reason.READ_ONLY_TOKEN
                    : AccessRefusal.Reason.EMAIL_UNCONFIRMED;
        }
        if (PULL_ONLY.containsAll(refused)) {
            return AccessRefusal.Reason.NO_ACCESS;
        }
        if (!facts.namespaceExists()) {
            return AccessRefusal.Reason.NAMESPACE_UNKNOWN;
        }
        if (facts.effectiveRole() != null) {
            return AccessRefusal.Reason.INSUFFICIENT_ROLE;
        }
        return officialNamespace ? AccessRefusal.Reason.TOP_LEVEL : AccessRefusal.Reason.NO_ACCESS;
    }

    private static Set<RepositoryAction> byRole(AccessFacts facts) {
        Set<RepositoryAction> granted = EnumSet.noneOf(RepositoryAction.class);
        Role role = facts.effectiveRole();
        if (facts.repositoryExists()) {
            if (facts.visibility() == Visibility.PUBLIC) {
                granted.add(RepositoryAction.PULL);
            }
            if (role != null) {
                granted.addAll(role.actions());
            }
        } else if (facts.namespaceExists() && role != null && role.atLeast(Role.WRITE)) {
            granted.addAll(role.actions());
        }
        return granted;
    }

    public Set<RepositoryAction> allowedActions(Requester requester, RepositoryPath path) {
        return decide(facts(requester, path.namespace(), repositories.find(path)));
    }

    /** {@link #refusalReason} for what {@link #allowedActions} left out of a request. */
    public AccessRefusal.Reason refusalReason(Requester requester, RepositoryPath path, Set<RepositoryAction> refused) {
        return refusalReason(facts(requester, path.namespace(), repositories.find(path)), path.official(), refused);
    }

    /** Whether the requester may see the repository at all (pull it, or read its settings). */
    public boolean mayView(Requester requester, ImageRepository repository) {
        return decide(facts(requester, repository.namespace(), Optional.of(repository))).contains(RepositoryAction.PULL);
    }

    /** Whether the requester may change the repository's visibility and collaborators. */
    public boolean mayAdminister(Requester requester, ImageRepository repository) {
        return facts(requester, repository.namespace(), Optional.of(repository)).effectiveRole() == Role.ADMIN;
    }

    /** {@link #mayAdminister(Requester, ImageRepository)} by name; {@code false} for an unknown repository. */
    public boolean mayAdminister(Requester requester, RepositoryPath path) {
        return repositories.find(path).map(repository -> mayAdminister(requester, repository)).orElse(false);
    }

    /** Whether the requester may create repositories in the namespace (which must exist). */
    public boolean mayCreateIn(Requester requester, String namespace) {
        AccessFacts facts = facts(requester, namespace, Optional.empty());
        return facts.namespaceExists() && facts.effectiveRole() != null && facts.effectiveRole().atLeast(Role.WRITE);
    }

    /** Whether the requester belongs to the namespace: its user, a member of its organization, or an administrator. */
    public boolean isMember(Requester requester, String namespace) {
        return facts(requester, namespace, Optional.empty()).effectiveRole() != null;
    }

    /** Whether the requester may manage the namespace's robots (and, for an organization, its members). */
    public boolean mayManageNamespace(Requester requester, String namespace) {
        AccessFacts facts = facts(requester, namespace, Optional.empty());
        return facts.administrator() || facts.namespaceRole() == Role.ADMIN;
    }

    private AccessFacts facts(Requester requester, String namespace, Optional<ImageRepository> repository) {
        Optional<Namespace> holder = namespaces.findById(namespace);
        return new AccessFacts(
                requester.administrator(),
                restriction(requester),
                holder.isPresent(),
                repository.isPresent(),
                repository.map(ImageRepository::visibility).orElse(null),
                holder.map(found -> namespaceRole(requester, found)).orElse(null),
                repository.map(found -> repositoryRole(requester, found)).orElse(null),
                holder.map(found -> teamRole(requester, found, repository)).orElse(null));
    }

    private static Restriction restriction(Requester requester) {
        if (requester instanceof RobotRequester robot && robot.ownerLocked()) {
            return Restriction.OWNER_LOCKED;
        }
        if (requester.readOnly()) {
            return Restriction.READ_ONLY_TOKEN;
        }
        boolean confirmationPending = requester instanceof UserRequester user
                ? user.emailConfirmationPending()
                : requester instanceof RobotRequester robot && robot.ownerConfirmationPending();
        return confirmationPending ? Restriction.EMAIL_UNCONFIRMED : Restriction.NONE;
    }

    private Role namespaceRole(Requester requester, Namespace namespace) {
        if (!(requester instanceof UserRequester user)) {
            return null;
        }
        return switch (namespace.kind()) {
            case USER -> namespace.name().equals(user.username()) ? Role.ADMIN : null;
            case ORGANIZATION -> memberships.findByOrganizationNameAndAccountId(namespace.name(), user.accountId())
                    .map(Membership::role)
                    .orElse(null);
        };
    }

    private Role teamRole(Requester requester, Namespace namespace, Optional<ImageRepository> repository) {
        if (!(requester instanceof UserRequester user) || namespace.kind() != NamespaceKind.ORGANIZATION) {
            return null;
        }
        List<Role> roles = repository
                .map(found -> teamRoles.onRepository(user.accountId(), namespace.name(), found.id()))
                .orElseGet(() -> teamRoles.onAllRepositories(user.accountId(), namespace.name()));
        return roles.stream().reduce(null, Role::strongest);
    }

    private Role repositoryRole(Requester requester, ImageRepository repository) {
        if (requester instanceof UserRequester user) {
            return collaborators.findByRepositoryIdAndAccountId(repository.id(), user.accountId())
                    .map(Collaborator::role)
                    .orElse(null);
        }
        // Permissions are only ever given on the robot's own namespace; checking again costs nothing.
        if (requester instanceof RobotRequester robot && robot.namespace().equals(repository.namespace())) {
            return robotPermissions.findByRobotIdAndRepositoryId(robot.robotId(), repository.id())
                    .map(RobotPermission::role)
                    .orElse(null);
        }
        return null;
    }
}
