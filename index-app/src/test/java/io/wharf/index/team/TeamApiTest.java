package io.wharf.index.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.account.Accounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/organizations/{org}/teams}, what teams grant in registry tokens, and filling them from directory groups. */
class TeamApiTest extends IndexAppTestSupport {

    @Autowired
    private TeamMembershipSync sync;

    @Autowired
    private Accounts accounts;

    @Autowired
    private JdbcClient database;

    /** The audit log's actions on the team, oldest first, as {@code actor action}. */
    private List<String> auditedChanges(String organization, String team) {
        return database.sql("SELECT actor, action FROM audit_entry WHERE target_kind = 'team' AND target_name = ? ORDER BY id")
                .param(organization + "/" + team)
                .query((row, number) -> row.getString("actor") + " " + row.getString("action"))
                .list();
    }

    private static Map<String, Object> team(String name, String role, boolean all, List<String> repositories,
            String directoryGroup) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("role", role);
        body.put("allRepositories", all);
        body.put("repositories", repositories);
        body.put("directoryGroup", directoryGroup);
        return body;
    }

    @Test
    void aTeamGivesItsMembersItsRoleOnTheRepositoriesItNames() {
        String owner = createUser();
        String dev = createUser();
        String org = createOrganization(owner);
        createRepository(owner, org + "/app", "private");
        createRepository(owner, org + "/other", "private");

        asUser(owner).contentType(ContentType.JSON).body(team("devs", "write", false, List.of("app"), null))
                .post("/api/organizations/{org}/teams", org)
                .then().statusCode(201).body("repositories", contains("app")).body("directoryGroup", nullValue());
        asUser(owner).put("/api/organizations/{org}/teams/devs/members/{user}", org, dev)
                .then().statusCode(200).body("members", contains(dev));

        assertThat(repositoryActions(asUser(dev), org + "/app")).containsExactlyInAnyOrder("pull", "push");
        assertThat(repositoryActions(asUser(dev), org + "/other")).isNullOrEmpty();
        // A team's admin role is on repositories: managing the organization stays with its admins.
        asUser(dev).contentType(ContentType.JSON).body(team("mine", "admin", true, List.of(), null))
                .post("/api/organizations/{org}/teams", org).then().statusCode(403);

        asUser(owner).contentType(ContentType.JSON).body(team("devs", "read", true, List.of(), null))
                .put("/api/organizations/{org}/teams/devs", org)
                .then().statusCode(200).body("allRepositories", equalTo(true)).body("repositories", empty());
        assertThat(repositoryActions(asUser(dev), org + "/other")).containsExactly("pull");

        asUser(owner).delete("/api/organizations/{org}/teams/devs/members/{user}", org, dev).then().statusCode(204);
        assertThat(repositoryActions(asUser(dev), org + "/other")).isNullOrEmpty();
        asUser(owner).delete("/api/organizations/{org}/teams/devs", org).then().statusCode(204);
        asUser(owner).get("/api/organizations/{org}/teams", org).then().statusCode(200).body("name", empty());
        assertThat(auditedChanges(org, "devs")).containsExactly(owner + " team.created", owner + " team.member-added",
                owner + " team.changed", owner + " team.member-removed", owner + " team.deleted");
    }

    @Test
    void badTeamsAreRefusedWithTheFieldAndWhy() {
        String owner = createUser();
        String org = createOrganization(owner);

        asUser(owner).contentType(ContentType.JSON).body(team("Devs!", "write", true, List.of(), null))
                .post("/api/organizations/{org}/teams", org)
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        asUser(owner).contentType(ContentType.JSON).body(team("devs", "write", false, List.of("missing"), null))
                .post("/api/organizations/{org}/teams", org)
                .then().statusCode(404).body("message", containsString("has no repository named missing"));
        asUser(owner).contentType(ContentType.JSON).body(team("devs", "write", true, List.of(), "ad:devs"))
                .post("/api/organizations/{org}/teams", org)
                .then().statusCode(400).body("message", containsString("ldap: or oidc:"));
        asUser(owner).contentType(ContentType.JSON).body(team("devs", "write", true, List.of(), null))
                .post("/api/organizations/{org}/teams", org).then().statusCode(201);
        asUser(owner).contentType(ContentType.JSON).body(team("devs", "write", true, List.of(), null))
                .post("/api/organizations/{org}/teams", org).then().statusCode(409);
    }

    @Test
    void directoryGroupsFillTheirTeamsAtEachSync() {
        String owner = createUser();
        String dev = createUser();
        String org = createOrganization(owner);
        createRepository(owner, org + "/app", "private");
        asUser(owner).contentType(ContentType.JSON)
                .body(team("devs", "write", true, List.of(), "ldap:cn=Devs,ou=groups,dc=example,dc=org"))
                .post("/api/organizations/{org}/teams", org)
                .then().statusCode(201).body("directoryGroup", equalTo("ldap:cn=Devs,ou=groups,dc=example,dc=org"));
        long devId = accounts.findByUsername(dev).orElseThrow().id();

        // Distinguished names compare as LDAP compares them; an OIDC group of the same text is another group.
        sync.syncDirectoryGroups(devId, DirectorySource.LDAP, Set.of("CN=devs, OU=groups,dc=example,dc=org"));
        assertThat(repositoryActions(asUser(dev), org + "/app")).containsExactlyInAnyOrder("pull", "push");
        asUser(owner).get("/api/organizations/{org}/teams/devs", org).then().body("members", contains(dev));
        asUser(owner).put("/api/organizations/{org}/teams/devs/members/{user}", org, owner)
                .then().statusCode(409).body("message", containsString("change them in the directory"));

        sync.syncDirectoryGroups(devId, DirectorySource.OIDC, Set.of());
        assertThat(repositoryActions(asUser(dev), org + "/app")).containsExactlyInAnyOrder("pull", "push");
        sync.syncDirectoryGroups(devId, DirectorySource.LDAP, Set.of("cn=ops,ou=groups,dc=example,dc=org"));
        assertThat(repositoryActions(asUser(dev), org + "/app")).isNullOrEmpty();
        assertThat(auditedChanges(org, "devs")).containsExactly(owner + " team.created",
                "directory:ldap team.member-added", "directory:ldap team.member-removed");
    }
}
