package io.wharf.index.team;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.org.Organization;
import io.wharf.index.org.OrganizationService;
import io.wharf.index.org.Organizations;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's teams: its members (and administrators) see them, its admins create, change and delete them and
 * fill those that no directory group fills.
 */
@Service
@Transactional
public class TeamService {

    private final Teams teams;
    private final TeamMembers members;
    private final TeamRepositories teamRepositories;
    private final Organizations organizations;
    private final OrganizationService organizationService;
    private final Accounts accounts;
    private final ImageRepositories repositories;
    private final RepositoryPermissions permissions;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public TeamService(Teams teams, TeamMembers members, TeamRepositories teamRepositories, Organizations organizations,
            OrganizationService organizationService, Accounts accounts, ImageRepositories repositories,
            RepositoryPermissions permissions, AuditTrail auditTrail, Clock clock) {
        this.teams = teams;
        this.members = members;
        this.teamRepositories = teamRepositories;
        this.organizations = organizations;
        this.organizationService = organizationService;
        this.accounts = accounts;
        this.repositories = repositories;
        this.permissions = permissions;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<TeamView> list(Requester requester, String organization) {
        organizationService.get(requester, organization);
        return teams.findByOrganizationNameOrderByName(organization).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public TeamView get(Requester requester, String organization, String name) {
        organizationService.get(requester, organization);
        return view(team(organization, name));
    }

    public TeamView create(Requester requester, String organization, TeamRequest request) {
        Organization holder = manageableOrganization(requester, organization);
        if (teams.findByOrganizationNameAndName(organization, request.name()).isPresent()) {
            throw ApiException.conflict(organization + " has a team named " + request.name() + " already; choose another name.")
                    .onField("name");
        }
        Team team = teams.save(new Team(holder, request.name(), request.role(), request.allRepositories(), clock.instant()));
        apply(team, request);
        TeamView created = view(team);
        auditTrail.record(requester, "team.created", auditTarget(team), Map.of(), settings(created));
        return created;
    }

    /** Changes the team's role, repositories and directory group (its name stays). */
    public TeamView update(Requester requester, String organization, String name, TeamRequest request) {
        manageableOrganization(requester, organization);
        Team team = team(organization, name);
        if (!request.name().equals(name)) {
            throw ApiException.badRequest("A team keeps its name: send " + name + " as the name, or create a new team.")
                    .onField("name");
        }
        TeamView before = view(team);
        team.setRole(request.role());
        team.setAllRepositories(request.allRepositories());
        teamRepositories.deleteByTeamId(team.id());
        apply(team, request);
        TeamView after = view(team);
        auditTrail.record(requester, "team.changed", auditTarget(team), settings(before), settings(after));
        return after;
    }

    public void delete(Requester requester, String organization, String name) {
        manageableOrganization(requester, organization);
        Team team = team(organization, name);
        auditTrail.record(requester, "team.deleted", auditTarget(team), settings(view(team)), Map.of());
        teamRepositories.deleteByTeamId(team.id());
        members.deleteByTeamId(team.id());
        teams.delete(team);
    }

    /** Adds a user to a team filled by hand; adding a member again changes nothing. */
    public TeamView addMember(Requester requester, String organization, String name, String username) {
        manageableOrganization(requester, organization);
        Team team = filledByHand(team(organization, name));
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("no user is named " + username).onField("username"));
        if (members.findByTeamIdAndAccountId(team.id(), account.id()).isEmpty()) {
            members.add(team, account, clock.instant());
            auditTrail.record(requester, "team.member-added", auditTarget(team), Map.of(),
                    Map.of("username", account.username()));
        }
        return view(team);
    }

    public void removeMember(Requester requester, String organization, String name, String username) {
        manageableOrganization(requester, organization);
        Team team = filledByHand(team(organization, name));
        TeamMember member = accounts.findByUsername(username)
                .flatMap(account -> members.findByTeamIdAndAccountId(team.id(), account.id()))
                .orElseThrow(() -> ApiException.notFound(username + " is not in the team " + name));
        members.delete(member);
        auditTrail.record(requester, "team.member-removed", auditTarget(team), Map.of("username", username), Map.of());
    }

    /** A team in the audit log: {@code <organization>/<team>}. */
    static AuditTarget auditTarget(Team team) {
        return new AuditTarget("team", team.organization().name() + "/" + team.name());
    }

    private static Map<String, Object> settings(TeamView team) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("role", team.role());
        settings.put("allRepositories", team.allRepositories());
        settings.put("repositories", team.repositories());
        settings.put("directoryGroup", team.directoryGroup());
        return settings;
    }

    private void apply(Team team, TeamRequest request) {
        String written = request.directoryGroup() == null ? "" : request.directoryGroup().strip();
        team.setDirectoryGroup(written.isEmpty() ? Optional.empty() : Optional.of(DirectoryGroup.parse(written)));
        teams.saveSettings(team);
        if (request.allRepositories()) {
            return;
        }
        List<ImageRepository> named = new ArrayList<>();
        for (String repository : request.repositoryNames()) {
            named.add(repositories.find(new RepositoryPath(team.organization().name(), repository))
                    .orElseThrow(() -> ApiException.notFound(team.organization().name() + " has no repository named "
                            + repository + "; push it or create it first.").onField("repositories")));
        }
        named.forEach(repository -> teamRepositories.save(new TeamRepository(team.id(), repository.id())));
    }

    private static Team filledByHand(Team team) {
        team.directoryGroup().ifPresent(group -> {
            throw ApiException.conflict("The members of " + team.name() + " come from the directory group " + group
                    + "; change them in the directory, or clear the team's directory group to fill it by hand.");
        });
        return team;
    }

    private TeamView view(Team team) {
        List<String> repositoryNames = team.allRepositories()
                ? List.of()
                : repositories.findAllById(teamRepositories.findByTeamId(team.id()).stream()
                                .map(TeamRepository::repositoryId).toList()).stream()
                        .map(repository -> repository.path().name())
                        .sorted()
                        .toList();
        List<String> usernames = members.findByTeamIdOrderByAccountUsername(team.id()).stream()
                .map(TeamMember::username)
                .toList();
        return new TeamView(team.name(), team.role(), team.allRepositories(), repositoryNames,
                team.directoryGroup().map(DirectoryGroup::toString).orElse(null), usernames);
    }

    private Team team(String organization, String name) {
        return teams.findByOrganizationNameAndName(organization, name)
                .orElseThrow(() -> ApiException.notFound(organization + " has no team named " + name));
    }

    private Organization manageableOrganization(Requester requester, String name) {
        Requesters.requireUser(requester);
        Organization organization = organizations.findByName(name)
                .orElseThrow(() -> ApiException.notFound("no organization is named " + name));
        if (!permissions.mayManageNamespace(requester, name)) {
            throw ApiException.forbidden("only admins of " + name + " manage its teams");
        }
        return organization;
    }
}
