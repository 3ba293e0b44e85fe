package io.wharf.index.ui.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wharf.index.ui.WebUiTestSupport;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** {@code /orgs}, {@code /orgs/new} and {@code /orgs/{name}}: who sees an organization and who manages it. */
class OrganizationPagesTest extends WebUiTestSupport {

    @Test
    void signedInUsersCreateOrganizationsAndSeeTheirOwn() throws Exception {
        String alice = createUser();
        String name = uniqueName("team");
        MockHttpSession session = signIn(alice);

        mvc.perform(get("/orgs")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/orgs/new")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/orgs/new").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"new-organization-form\"")));

        mvc.perform(post("/orgs/new").with(csrf()).session(session).param("name", name))
                .andExpect(redirectedUrl("/orgs/" + name))
                .andExpect(flash().attribute("notice", "Created the organization " + name + "."));
        mvc.perform(get("/orgs").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<a href=\"/orgs/" + name + "\">" + name + "</a>"),
                        containsString("<td>admin</td>"))));
        mvc.perform(get("/orgs").session(signIn(createUser())))
                .andExpect(content().string(not(containsString("/orgs/" + name + "\""))));
    }

    @Test
    void invalidOrTakenNamesAreFormErrors() throws Exception {
        String alice = createUser();
        MockHttpSession session = signIn(alice);

        Document invalid = page(mvc.perform(post("/orgs/new").with(csrf()).session(session).param("name", "Not Valid"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(invalid, "name")).isEqualTo("name must be 4 to 30 lowercase letters and digits");
        assertThat(invalid.getElementById("name").val()).isEqualTo("Not Valid");
        Document taken = page(mvc.perform(post("/orgs/new").with(csrf()).session(session).param("name", alice))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(taken, "name")).isEqualTo("the name " + alice + " is taken");
        Document blank = page(mvc.perform(post("/orgs/new").with(csrf()).session(session).param("name", " ")).andReturn());
        assertThat(fieldError(blank, "name")).isNotEmpty();
        asUser(alice).get("/api/organizations").then().body("size()", equalTo(0));
    }

    @Test
    void membersSeeTheOrganizationAndItsRepositoriesOthersAreRefused() throws Exception {
        String owner = createUser();
        String member = createUser();
        String stranger = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, member, "read");
        createRepository(owner, organization + "/internal", "private");

        mvc.perform(get("/orgs/" + organization).session(signIn(member)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/r/" + organization + "/internal\""),
                        containsString("<a href=\"/u/" + owner + "\">" + owner + "</a>"),
                        containsString("id=\"leave\""),
                        not(containsString("id=\"member-form\"")), not(containsString("id=\"new-repository\"")))));
        mvc.perform(get("/orgs/" + organization).session(signIn(stranger))).andExpect(status().isForbidden());
        mvc.perform(get("/orgs/" + organization)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/orgs/nothing" + organization).session(signIn(stranger))).andExpect(status().isNotFound());
        mvc.perform(post("/orgs/" + organization + "/members").with(csrf()).session(signIn(member))
                        .param("username", stranger).param("role", "admin"))
                .andExpect(status().isForbidden());
    }

    @Test
    void adminsAddMembersChangeRolesAndRemoveThem() throws Exception {
        String owner = createUser();
        String bob = createUser();
        String organization = createOrganization(owner);
        MockHttpSession session = signIn(owner);
        String page = "/orgs/" + organization;

        mvc.perform(get(page).session(session))
                .andExpect(content().string(allOf(containsString("id=\"member-form\""), containsString("id=\"new-repository\""))));
        mvc.perform(post(page + "/members").with(csrf()).session(session).param("username", bob).param("role", "write"))
                .andExpect(redirectedUrl(page)).andExpect(flash().attribute("notice", "Gave " + bob + " the role write."));
        mvc.perform(post(page + "/members").with(csrf()).session(session).param("username", bob).param("role", "admin"))
                .andExpect(redirectedUrl(page));
        asUser(owner).get("/api/organizations/" + organization + "/members").then()
                .body("find { it.username == '" + bob + "' }.role", equalTo("admin"));

        Document unknownUser = pageAfter(mvc.perform(post(page + "/members").with(csrf()).session(session)
                        .param("username", "nobody999").param("role", "read"))
                .andExpect(redirectedUrl(page))
                .andReturn(), session);
        assertThat(fieldError(unknownUser, "member-username")).isEqualTo("no user is named nobody999");
        assertThat(unknownUser.getElementById("member-username").val()).isEqualTo("nobody999");
        assertThat(unknownUser.select(".flash.error")).isEmpty();
        mvc.perform(post(page + "/members").with(csrf()).session(session).param("username", bob).param("role", "boss"))
                .andExpect(flash().attribute("error", "\"boss\" is not a valid Role; use one of: read, write, admin"));

        mvc.perform(post(page + "/members/remove").with(csrf()).session(session).param("username", bob))
                .andExpect(redirectedUrl(page)).andExpect(flash().attribute("notice", "Removed " + bob + " from " + organization + "."));
        asUser(owner).get("/api/organizations/" + organization + "/members").then().body("username", equalTo(List.of(owner)));

        // The last admin stays.
        mvc.perform(post(page + "/members/remove").with(csrf()).session(session).param("username", owner))
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("error", organization + " must keep at least one admin"));
    }

    @Test
    void membersMayLeave() throws Exception {
        String owner = createUser();
        String member = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, member, "write");

        mvc.perform(post("/orgs/" + organization + "/members/remove").with(csrf()).session(signIn(member))
                        .param("username", member))
                .andExpect(redirectedUrl("/orgs")).andExpect(flash().attribute("notice", "You left " + organization + "."));
        asUser(owner).get("/api/organizations/" + organization + "/members").then().body("username", equalTo(List.of(owner)));
    }

    @Test
    void theTeamsTabCreatesTeamsFillsThemAndOnlyAdminsManageThem() throws Exception {
        String owner = createUser();
        String dev = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, dev, "read");
        createRepository(owner, organization + "/app", "private");
        MockHttpSession session = signIn(owner);
        String teams = "/orgs/" + organization + "/teams";

        mvc.perform(get("/orgs/" + organization).session(session)).andExpect(content().string(containsString("id=\"teams-tab\"")));
        mvc.perform(post(teams).with(csrf()).session(session).param("team", "devs").param("role", "write")
                        .param("repositories", "app"))
                .andExpect(redirectedUrl(teams)).andExpect(flash().attribute("notice", "Created the team devs."));
        mvc.perform(post(teams + "/devs/members").with(csrf()).session(session).param("username", dev))
                .andExpect(redirectedUrl(teams));
        Document page = page(mvc.perform(get(teams).session(session)).andExpect(status().isOk()).andReturn());
        assertThat(page.select("#team-devs .team-members td a").eachText()).containsExactly(dev);
        assertThat(page.select("#team-devs p").first().text()).contains("write", "on app");
        assertThat(repositoryActions(asUser(dev), organization + "/app")).containsExactlyInAnyOrder("pull", "push");

        Document badName = pageAfter(mvc.perform(post(teams).with(csrf()).session(session).param("team", "Dev Team")
                .param("role", "read")).andExpect(redirectedUrl(teams)).andReturn(), session);
        assertThat(fieldError(badName, "team-name")).contains("lowercase letters and digits");
        Document badGroup = pageAfter(mvc.perform(post(teams).with(csrf()).session(session).param("team", "ops")
                .param("role", "read").param("allRepositories", "true").param("directoryGroup", "cn=ops"))
                .andExpect(redirectedUrl(teams)).andReturn(), session);
        assertThat(fieldError(badGroup, "team-directory-group")).contains("ldap:<group DN> or oidc:<group name>");

        // Members see the teams; only admins change them, and never without the form's CSRF token.
        MockHttpSession member = signIn(dev);
        mvc.perform(get(teams).session(member)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"team-form\""))));
        mvc.perform(post(teams + "/devs/delete").with(csrf()).session(member)).andExpect(status().isForbidden());
        mvc.perform(post(teams + "/devs/delete").session(session)).andExpect(status().isForbidden());
        mvc.perform(post(teams + "/devs/delete").with(csrf()).session(session))
                .andExpect(redirectedUrl(teams)).andExpect(flash().attribute("notice", "Deleted the team devs."));
        assertThat(repositoryActions(asUser(dev), organization + "/app")).containsExactly("pull");
    }
}
