package io.wharf.index.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
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
import org.springframework.test.context.TestPropertySource;

/** The administrators' pages: who may see them, and what their buttons change. */
// Port 1 refuses connections: the status page must say that the registry does not answer.
@TestPropertySource(properties = "wharf.index.registry-url=http://127.0.0.1:1")
class AdminPagesTest extends WebUiTestSupport {

    private static final List<String> ADMIN_PAGES = List.of("/admin", "/admin/users", "/admin/repositories",
            "/admin/status", "/admin/gc", "/admin/audit-log", "/admin/audit", "/admin/lifecycle");
    private static final String STRONG_PASSWORD = "Tr1cky-Harbour-42";

    @Test
    void theAdministrationStartPageLinksEveryAdministrationPage() throws Exception {
        MockHttpSession admin = signInAsAdmin();
        mvc.perform(get("/").session(admin)).andExpect(content().string(containsString("href=\"/admin\" id=\"nav-admin\"")));
        mvc.perform(get("/admin").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Administration</h1>"),
                        containsString("href=\"/admin/users\""), containsString("href=\"/admin/repositories\""),
                        containsString("href=\"/admin/status\""), containsString("href=\"/admin/gc\""),
                        containsString("href=\"/admin/audit\""), containsString("href=\"/admin/lifecycle\""))));
    }

    @Test
    void administratorsCreateAccountsAndSetTheirPasswords() throws Exception {
        MockHttpSession admin = signInAsAdmin();
        String username = uniqueName("created");
        mvc.perform(post("/admin/users").session(admin).with(csrf()).param("username", username)
                        .param("email", username + "@example.com").param("password", STRONG_PASSWORD))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("notice", "Created the account " + username + "."));
        as(username, STRONG_PASSWORD).get("/api/user").then().statusCode(200)
                .body("emailConfirmed", equalTo(true)).body("administrator", equalTo(false));
        mvc.perform(get("/admin/users").session(admin))
                .andExpect(content().string(allOf(containsString("id=\"user-" + username + "\""),
                        containsString("id=\"reset-password-" + username + "\""),
                        // An administrator changes their own password on their profile, which asks for the current one.
                        not(containsString("id=\"reset-password-" + ADMIN + "\"")))));

        // The account service's password rule applies here as everywhere.
        Document refusedPassword = pageAfter(mvc.perform(post("/admin/users/{name}/password", username).session(admin)
                .with(csrf()).param("newPassword", "short")).andExpect(redirectedUrl("/admin/users")).andReturn(), admin);
        assertThat(refusedPassword.getElementById("set-password-error").text()).contains("password");
        as(username, STRONG_PASSWORD).get("/api/user").then().statusCode(200);

        String newPassword = "Sturdy-Mooring-Line-77";
        mvc.perform(post("/admin/users/{name}/password", username).session(admin).with(csrf())
                        .param("newPassword", newPassword))
                .andExpect(flash().attribute("notice", username + " has a new password."));
        as(username, STRONG_PASSWORD).get("/api/user").then().statusCode(401);
        as(username, newPassword).get("/api/user").then().statusCode(200);

        Document takenName = pageAfter(mvc.perform(post("/admin/users").session(admin).with(csrf()).param("username", username)
                        .param("email", "other-" + username + "@example.com").param("password", STRONG_PASSWORD))
                .andExpect(redirectedUrl("/admin/users")).andReturn(), admin);
        assertThat(fieldError(takenName, "new-username")).contains(username);
        assertThat(takenName.getElementById("create-user").hasAttr("open")).isTrue();
        mvc.perform(post("/admin/users").session(signIn(createUser())).with(csrf()).param("username", uniqueName("nope"))
                .param("email", "nope@example.com").param("password", STRONG_PASSWORD)).andExpect(status().isForbidden());
    }

    @Test
    void administratorsListEveryRepositoryFilteredAndPaged() throws Exception {
        String owner = createUser();
        String prefix = uniqueName("fleet");
        for (int i = 0; i < AdminRepositoriesController.PAGE_SIZE + 1; i++) {
            createRepository(owner, owner + "/" + prefix + "-" + String.format("%02d", i), "private");
        }
        createRepository(owner, owner + "/" + uniqueName("other"), "public");
        MockHttpSession admin = signInAsAdmin();

        String firstPage = mvc.perform(get("/admin/repositories").session(admin).param("filter", prefix))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("51 repositories."), containsString("Page 1 of 2"),
                        containsString("id=\"repository-" + owner + "/" + prefix + "-00\""),
                        containsString("href=\"/r/" + owner + "/" + prefix + "-00\""),
                        not(containsString("id=\"repository-" + owner + "/" + prefix + "-50\"")))))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(firstPage.split("id=\"repository-" + owner + "/", -1)).hasSize(51);
        mvc.perform(get("/admin/repositories").session(admin).param("filter", prefix).param("page", "2"))
                .andExpect(content().string(allOf(containsString("Page 2 of 2"),
                        containsString("id=\"repository-" + owner + "/" + prefix + "-50\""),
                        not(containsString("id=\"repository-" + owner + "/" + prefix + "-00\"")))));
        mvc.perform(get("/admin/repositories").session(admin).param("filter", "no-such-" + prefix))
                .andExpect(content().string(allOf(containsString("0 repositories."),
                        not(containsString("id=\"repository-list\"")))));
    }

    @Test
    void theLifecyclePageSaysWhenTheRegistryDoesNotAnswer() throws Exception {
        mvc.perform(get("/admin/lifecycle").session(signInAsAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Lifecycle rules</h1>"),
                        containsString("The lifecycle rules cannot be read now: cannot reach the registry"),
                        not(containsString("id=\"retention\"")))));
    }

    @Test
    void onlyAdministratorsSeeTheAdministrationPages() throws Exception {
        for (String page : ADMIN_PAGES) {
            mvc.perform(get(page)).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(post("/admin/gc").with(csrf()).param("dryRun", "false")).andExpect(redirectedUrl("/login"));
        MockHttpSession user = signIn(createUser());
        for (String page : ADMIN_PAGES) {
            mvc.perform(get(page).session(user)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/gc").session(user).with(csrf()).param("dryRun", "false"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/{name}", ADMIN).session(user).with(csrf()).param("change", "LOCK"))
                .andExpect(status().isForbidden());
        asAdmin().get("/api/users/{name}", ADMIN).then().body("locked", equalTo(false));
    }

    @Test
    void administratorsDeleteAnAccountOnceTheyTypeItsNameAndItsSessionsEnd() throws Exception {
        MockHttpSession admin = signInAsAdmin();
        String owner = createUser();
        String alice = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, alice, "read");
        MockHttpSession alicesSession = signIn(alice);
        mvc.perform(get("/admin/users").session(admin))
                .andExpect(content().string(allOf(containsString("id=\"delete-user-" + alice + "\""),
                        not(containsString("id=\"delete-user-" + ADMIN + "\"")))));

        mvc.perform(post("/admin/users/{name}/delete", alice).session(admin).with(csrf()).param("confirmation", owner))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("error", "Type the username, " + alice + ", to delete the account."));
        asUser(alice).get("/api/user").then().statusCode(200);

        mvc.perform(post("/admin/users/{name}/delete", owner).session(admin).with(csrf()).param("confirmation", owner))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("error", owner + " is the last admin of the organization " + organization
                        + "; make another member an admin there first."));

        mvc.perform(post("/admin/users/{name}/delete", alice).session(admin).with(csrf()).param("confirmation", alice))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("notice", "Deleted the account " + alice + "."));
        Document users = page(mvc.perform(get("/admin/users").session(admin)).andReturn());
        assertThat(users.getElementById("user-" + alice)).isNull();
        assertThat(users.getElementById("user-" + owner)).isNotNull();
        asUser(alice).get("/api/user").then().statusCode(401);
        mvc.perform(get("/settings/tokens").session(alicesSession)).andExpect(status().is3xxRedirection());
        asUser(owner).get("/api/organizations/{org}/members", organization).then().body("username", contains(owner));

        mvc.perform(post("/admin/users/{name}/delete", ADMIN).session(admin).with(csrf()).param("confirmation", ADMIN))
                .andExpect(flash().attribute("error", containsString("cannot delete their own account")));
        mvc.perform(post("/admin/users/{name}/delete", owner).session(signIn(createUser())).with(csrf())
                .param("confirmation", owner)).andExpect(status().isForbidden());
    }

    @Test
    void administratorsLockUnlockPromoteAndConfirm() throws Exception {
        String user = createUser();
        MockHttpSession admin = signInAsAdmin();
        mvc.perform(get("/admin/users").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"user-" + user + "\"")))
                .andExpect(content().string(containsString(user + "@example.com")));

        mvc.perform(post("/admin/users/{name}", user).session(admin).with(csrf()).param("change", "LOCK"))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("notice", user + " is locked."));
        asAdmin().get("/api/users/{name}", user).then().body("locked", equalTo(true));
        asUser(user).get("/api/user").then().statusCode(401);

        mvc.perform(post("/admin/users/{name}", user).session(admin).with(csrf()).param("change", "UNLOCK"));
        mvc.perform(post("/admin/users/{name}", user).session(admin).with(csrf()).param("change", "MAKE_ADMIN"));
        asAdmin().get("/api/users/{name}", user).then().body("locked", equalTo(false)).body("administrator", equalTo(true));
        // The new administrator's open session sees the administration at its next request.
        mvc.perform(get("/admin/users").session(signIn(user))).andExpect(status().isOk());

        mvc.perform(post("/admin/users/{name}", user).session(admin).with(csrf()).param("change", "REVOKE_ADMIN"));
        asAdmin().get("/api/users/{name}", user).then().body("administrator", equalTo(false));
    }

    @Test
    void administratorsConfirmAddressesButCannotLockThemselves() throws Exception {
        String username = uniqueName("pending");
        mvc.perform(post("/signup").with(csrf()).param("username", username)
                .param("email", username + "@example.com").param("password", STRONG_PASSWORD));
        MockHttpSession admin = signInAsAdmin();
        mvc.perform(post("/admin/users/{name}", username).session(admin).with(csrf()).param("change", "CONFIRM_EMAIL"))
                .andExpect(flash().attribute("notice", username + " has a confirmed email address now."));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(true));

        mvc.perform(post("/admin/users/{name}", ADMIN).session(admin).with(csrf()).param("change", "LOCK"))
                .andExpect(flash().attribute("error", "administrators cannot lock or demote themselves"));
    }

    @Test
    void garbageCollectionAndAuditPagesSayWhenTheRegistryDoesNotAnswer() throws Exception {
        MockHttpSession admin = signInAsAdmin();
        mvc.perform(get("/admin/users").session(admin))
                .andExpect(content().string(allOf(containsString("href=\"/admin/gc\""), containsString("href=\"/admin/audit\""))));
        mvc.perform(get("/admin/gc").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"gc-dry-run\""), containsString("id=\"gc-collect\""),
                        containsString("name=\"_csrf\""), not(containsString("id=\"gc-report\"")))));
        // A form without its CSRF token changes nothing.
        mvc.perform(post("/admin/gc").session(admin).param("dryRun", "false")).andExpect(status().isForbidden());

        for (String dryRun : List.of("true", "false")) {
            mvc.perform(post("/admin/gc").session(admin).with(csrf()).param("dryRun", dryRun).param("confirm", "true"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("role=\"alert\""),
                            containsString("The garbage collection did not run: cannot reach the registry at http://127.0.0.1:1"),
                            not(containsString("id=\"gc-report\"")))));
        }
        mvc.perform(post("/admin/gc").session(admin).with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/audit").session(admin).param("repository", "acme/app").param("before", "10"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("The audit log cannot be read now: cannot reach the registry"),
                        containsString("value=\"acme/app\""), not(containsString("id=\"audit-entries\"")))));
        mvc.perform(get("/admin/audit").session(admin).param("before", "older")).andExpect(status().isBadRequest());
    }

    @Test
    void collectingNeedsTheIUnderstandCheckboxAndWithoutItNeverReachesTheRegistry() throws Exception {
        MockHttpSession admin = signInAsAdmin();
        mvc.perform(get("/admin/gc").session(admin))
                .andExpect(content().string(allOf(containsString("id=\"gc-confirm\""), containsString("name=\"confirm\""),
                        containsString("I understand that this permanently deletes what a dry run lists"))));

        // The registry (port 1) is asked only when confirmed: "did not run: cannot reach" shows that it was asked.
        for (String confirm : List.of("", "false")) {
            Document refused = page(mvc.perform(post("/admin/gc").session(admin).with(csrf())
                            .param("dryRun", "false").param("confirm", confirm))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"gc-collect\""),
                            not(containsString("The garbage collection did not run")),
                            not(containsString("id=\"gc-report\"")))))
                    .andReturn());
            assertThat(fieldError(refused, "gc-confirm"))
                    .isEqualTo("Nothing was collected: check \"I understand\" next to \"Collect now\" first.");
        }
        mvc.perform(post("/admin/gc").session(admin).with(csrf()).param("dryRun", "false"))
                .andExpect(content().string(allOf(containsString("Nothing was collected: check"),
                        not(containsString("The garbage collection did not run")))));
        mvc.perform(post("/admin/gc").session(admin).with(csrf()).param("dryRun", "false").param("confirm", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("The garbage collection did not run: cannot reach the registry at http://127.0.0.1:1"),
                        not(containsString("Nothing was collected")))));
        mvc.perform(post("/admin/gc").session(signIn(createUser())).with(csrf()).param("dryRun", "false")
                .param("confirm", "true")).andExpect(status().isForbidden());
    }

    @Test
    void theStatusPageSaysWhetherTheRegistryAnswersAndCounts() throws Exception {
        createUser();
        mvc.perform(get("/admin/status").session(signInAsAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"registry-reachable\"")))
                .andExpect(content().string(containsString("<strong>no</strong>")))
                .andExpect(content().string(containsString("<dt>Users</dt>")))
                .andExpect(content().string(containsString("Spring Boot")))
                // Times as people read them, to the minute, with the exact time on hover; never raw ISO-8601.
                .andExpect(content().string(matchesPattern("(?s).*<time id=\"status-checked-at\" datetime=\"[^\"]+\"\\s+"
                        + "title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</time>.*")));
    }
}
