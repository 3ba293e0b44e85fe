package io.wharf.index.ui.admin;

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
import org.springframework.test.context.TestPropertySource;

/** The administrators' pages: who may see them, and what their buttons change. */
// Port 1 refuses connections: the status page must say that the registry does not answer.
@TestPropertySource(properties = "wharf.index.registry-url=http://127.0.0.1:1")
class AdminPagesTest extends WebUiTestSupport {

    @Test
    void onlyAdministratorsSeeTheAdministrationPages() throws Exception {
        for (String page : List.of("/admin/users", "/admin/status", "/admin/gc", "/admin/audit")) {
            mvc.perform(get(page)).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(post("/admin/gc").with(csrf()).param("dryRun", "false")).andExpect(redirectedUrl("/login"));
        MockHttpSession user = signIn(createUser());
        for (String page : List.of("/admin/users", "/admin/status", "/admin/gc", "/admin/audit")) {
            mvc.perform(get(page).session(user)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/gc").session(user).with(csrf()).param("dryRun", "false"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/{name}", ADMIN).session(user).with(csrf()).param("change", "LOCK"))
                .andExpect(status().isForbidden());
        asAdmin().get("/api/users/{name}", ADMIN).then().body("locked", equalTo(false));
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
                .andExpect(content().string(containsString("Spring Boot")));
    }
}
