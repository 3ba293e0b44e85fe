package io.wharf.index.org;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.role.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizations and their members. Any user may create one and becomes its first admin; members see the
 * organization and its members; admins (of the organization, or of the index) manage members. An
 * organization always keeps at least one admin.
 */
@Service
@Transactional
public class OrganizationService {

    private final Organizations organizations;
    private final Memberships memberships;
    private final Accounts accounts;
    private final NamespaceNames namespaceNames;
    private final RepositoryPermissions permissions;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public OrganizationService(Organizations organizations, Memberships memberships, Accounts accounts,
            NamespaceNames namespaceNames, RepositoryPermissions permissions, AuditTrail auditTrail, Clock clock) {
        this.auditTrail = auditTrail;
        this.organizations = organizations;
        this.memberships = memberships;
        this.accounts = accounts;
        this.namespaceNames = namespaceNames;
        this.permissions = permissions;
        this.clock = clock;
    }

    public OrganizationView create(Requester requester, CreateOrganizationRequest request) {
        UserRequester user = Requesters.requireUser(requester);
        try {
            namespaceNames.claim(request.name(), NamespaceKind.ORGANIZATION);
        } catch (ApiException refused) {
            // Whatever the naming rules refuse (a malformed, taken or reserved name) is about the name field.
            throw refused.onField("name");
        }
        Organization organization = organizations.create(request.name(), clock.instant());
        Account creator = accounts.findById(user.accountId()).orElseThrow();
        memberships.save(new Membership(organization, creator, Role.ADMIN, clock.instant()));
        auditTrail.record(requester, "organization.created", AuditTarget.organization(organization.name()), Map.of(),
                Map.of("admin", user.username()));
        return new OrganizationView(organization.name(), organization.createdAt(), Role.ADMIN);
    }

    /**
     * Creates an organization of Wharf's own, such as the official namespace, without members: administrators act
     * as its administrators and add writers.
     */
    public void createBuiltIn(String name) {
        namespaceNames.claimBuiltIn(name, NamespaceKind.ORGANIZATION);
        organizations.create(name, clock.instant());
        auditTrail.record(AuditActor.SYSTEM, "organization.created", AuditTarget.organization(name), Map.of(),
                Map.of("builtIn", true));
    }

    /** The organizations the requester belongs to; administrators see all of them. */
    @Transactional(readOnly = true)
    public List<OrganizationView> list(Requester requester) {
        UserRequester user = Requesters.requireUser(requester);
        if (user.administrator()) {
            return organizations.findAllByOrderByName().stream()
                    .map(organization -> view(organization, user))
                    .toList();
        }
        return memberships.findByAccountIdOrderByOrganizationName(user.accountId()).stream()
                .map(membership -> new OrganizationView(membership.organization().name(),
                        membership.organization().createdAt(), membership.role()))
                .toList();
    }

    @Transactional(readOnly = true)
    public OrganizationView get(Requester requester, String name) {
        UserRequester user = Requesters.requireUser(requester);
        return view(visibleOrganization(user, name), user);
    }

    @Transactional(readOnly = true)
    public List<MemberView> members(Requester requester, String name) {
        Organization organization = visibleOrganization(Requesters.requireUser(requester), name);
        return memberships.findByOrganizationIdOrderByAccountUsername(organization.id()).stream()
                .map(MemberView::of)
                .toList();
    }

    /** Adds a member or changes their role. */
    public MemberView putMember(Requester requester, String name, String username, Role role) {
        Organization organization = manageableOrganization(requester, name);
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("no user is named " + username).onField("username"));
        Optional<Membership> existing = memberships.findByOrganizationNameAndAccountId(name, account.id());
        if (existing.isPresent()) {
            Role before = existing.get().role();
            if (role != Role.ADMIN) {
                requireAnotherAdmin(organization, existing.get());
            }
            existing.get().setRole(role);
            memberships.saveRole(existing.get());
            if (before != role) {
                auditTrail.record(requester, "organization.member-role-changed", AuditTarget.organization(name),
                        Map.of("member", username, "role", before), Map.of("member", username, "role", role));
            }
            return MemberView.of(existing.get());
        }
        auditTrail.record(requester, "organization.member-added", AuditTarget.organization(name), Map.of(),
                Map.of("member", username, "role", role));
        return MemberView.of(memberships.save(new Membership(organization, account, role, clock.instant())));
    }

    /** Removes a member; organization admins remove anyone, members may remove (leave) themselves. */
    public void removeMember(Requester requester, String name, String username) {
        UserRequester user = Requesters.requireUser(requester);
        Organization organization = username.equals(user.username())
                ? visibleOrganization(user, name)
                : manageableOrganization(requester, name);
        Membership membership = accounts.findByUsername(username)
                .flatMap(account -> memberships.findByOrganizationNameAndAccountId(name, account.id()))
                .orElseThrow(() -> ApiException.notFound(username + " is not a member of " + name));
        requireAnotherAdmin(organization, membership);
        memberships.delete(membership);
        auditTrail.record(requester, "organization.member-removed", AuditTarget.organization(name),
                Map.of("member", username, "role", membership.role()), Map.of());
    }

    /** Refuses to take the admin role from (or remove) the organization's last admin. */
    private void requireAnotherAdmin(Organization organization, Membership changing) {
        if (changing.role() == Role.ADMIN && memberships.countByOrganizationIdAndRole(organization.id(), Role.ADMIN) == 1) {
            throw ApiException.conflict(organization.name() + " must keep at least one admin");
        }
    }

    private OrganizationView view(Organization organization, UserRequester user) {
        Role role = memberships.findByOrganizationNameAndAccountId(organization.name(), user.accountId())
                .map(Membership::role)
                .orElse(null);
        return new OrganizationView(organization.name(), organization.createdAt(), role);
    }

    private Organization organization(String name) {
        return organizations.findByName(name).orElseThrow(() -> ApiException.notFound("no organization is named " + name));
    }

    /** The organization, when the user is a member or an administrator. */
    private Organization visibleOrganization(UserRequester user, String name) {
        Organization organization = organization(name);
        if (!user.administrator() && memberships.findByOrganizationNameAndAccountId(name, user.accountId()).isEmpty()) {
            throw ApiException.forbidden("only members see " + name);
        }
        return organization;
    }

    private Organization manageableOrganization(Requester requester, String name) {
        Requesters.requireUser(requester);
        Organization organization = organization(name);
        if (!permissions.mayManageNamespace(requester, name)) {
            throw ApiException.forbidden("only admins of " + name + " manage its members");
        }
        return organization;
    }
}
