package io.wharf.index.team;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTrail;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills teams from a directory: a directory user belongs to exactly those teams whose directory group (of the same
 * source) is among the user's groups. Called at every sign-in and token refresh of a directory user, so that a change
 * in the directory counts from the user's next one.
 */
@Service
@Transactional
public class TeamMembershipSync {

    private final Teams teams;
    private final TeamMembers members;
    private final Accounts accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public TeamMembershipSync(Teams teams, TeamMembers members, Accounts accounts, AuditTrail auditTrail, Clock clock) {
        this.teams = teams;
        this.members = members;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    /** The directory as the audit log names it when it changes teams: {@code directory:ldap}, {@code directory:oidc}. */
    public static AuditActor actor(DirectorySource source) {
        return new AuditActor("directory:" + source.wireName());
    }

    /**
     * Adds the account to every team filled from one of {@code groups} of {@code source} and removes it from every
     * other team filled from {@code source}; teams filled by hand or from the other source are left alone.
     *
     * @param groups the user's groups as the directory names them (LDAP: group DNs; OIDC: the groups claim's values)
     */
    public void syncDirectoryGroups(long accountId, DirectorySource source, Set<String> groups) {
        Account account = accounts.findById(accountId).orElseThrow();
        for (Team team : teams.findByDirectorySource(source)) {
            DirectoryGroup group = team.directoryGroup().orElseThrow();
            boolean belongs = groups.stream().anyMatch(named -> group.matches(source, named));
            var membership = members.findByTeamIdAndAccountId(team.id(), accountId);
            if (belongs && membership.isEmpty()) {
                members.add(team, account, clock.instant());
                auditTrail.record(actor(source), "team.member-added", TeamService.auditTarget(team), Map.of(),
                        Map.of("username", account.username(), "directoryGroup", group.toString()));
            } else if (!belongs && membership.isPresent()) {
                members.delete(membership.get());
                auditTrail.record(actor(source), "team.member-removed", TeamService.auditTarget(team),
                        Map.of("username", account.username(), "directoryGroup", group.toString()), Map.of());
            }
        }
    }
}
