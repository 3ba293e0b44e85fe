package io.wharf.index.ui.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wharf.index.ui.WebUiTestSupport;
import io.wharf.index.repository.DockerCommands;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** Personal access tokens and robot accounts in the browser. */
class TokenPagesTest extends WebUiTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"created-token\">(wharf_pat_[A-Za-z0-9_-]+)<");

    @Autowired
    private DockerCommands commands;

    @Test
    void aCreatedTokenIsShownOnceWorksAndCanBeRevoked() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        String page = mvc.perform(post("/settings/tokens").session(session).with(csrf())
                        .param("name", "laptop").param("scope", "READ_ONLY").param("expires", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "id=\"login-command\">docker login -u " + user + " " + commands.registryHost() + "<")))
                .andReturn().getResponse().getContentAsString();
        String secret = secretIn(page);
        as(user, secret).get("/api/user").then().statusCode(200);

        String listed = mvc.perform(get("/settings/tokens").session(session))
                .andExpect(content().string(containsString("laptop")))
                .andExpect(content().string(containsString("read-only")))
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).doesNotContain(secret);

        long id = ((Number) asUser(user).get("/api/tokens").then().extract().<List<Integer>>path("id").get(0)).longValue();
        mvc.perform(post("/settings/tokens/{id}/revoke", id).session(session).with(csrf()))
                .andExpect(redirectedUrl("/settings/tokens"))
                .andExpect(flash().attribute("notice", "The token is revoked."));
        as(user, secret).get("/api/user").then().statusCode(401);
    }

    @Test
    void tokensAreRefusedWithoutANameAndOthersTokensCannotBeRevoked() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        Document unnamed = page(mvc.perform(post("/settings/tokens").session(session).with(csrf())
                        .param("name", " ").param("scope", "READ_ONLY").param("expires", "2020-01-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"created-token\""))))
                .andReturn());
        assertThat(fieldError(unnamed, "token-name")).isEqualTo("Give the token a name, such as laptop or CI.");
        assertThat(unnamed.select("main").text()).doesNotContain("name:", "must not be blank");
        assertThat(unnamed.select("#token-scope option[selected]").val()).isEqualTo("READ_ONLY");
        assertThat(unnamed.getElementById("token-expires").val()).isEqualTo("2020-01-01");

        Document expired = page(mvc.perform(post("/settings/tokens").session(session).with(csrf())
                        .param("name", "laptop").param("scope", "READ_WRITE").param("expires", "2020-01-01"))
                .andReturn());
        assertThat(fieldError(expired, "token-expires")).isEqualTo("The expiry date must be in the future.");
        assertThat(fieldError(expired, "token-name")).isEmpty();
        assertThat(expired.getElementById("token-name").val()).isEqualTo("laptop");
        assertThat(expired.select("main").text()).doesNotContain("expiresAt");
        asUser(user).get("/api/tokens").then().body("size()", org.hamcrest.Matchers.equalTo(0));

        String other = createUser();
        createAccessToken(other, "read-write");
        long othersToken = ((Number) asUser(other).get("/api/tokens").then().extract().<List<Integer>>path("id").get(0)).longValue();
        mvc.perform(post("/settings/tokens/{id}/revoke", othersToken).session(session).with(csrf()))
                .andExpect(status().isNotFound());
        asUser(other).get("/api/tokens").then().body("size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void refusedRobotFormsShowTheirErrorsNextToTheFieldsAndKeepTheInput() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        Document badName = page(mvc.perform(post("/settings/robots").session(session).with(csrf())
                        .param("namespace", user).param("name", "Bad Name").param("description", "Builds images"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(badName, "robot-name")).contains("lowercase letters and digits");
        assertThat(badName.getElementById("robot-name").val()).isEqualTo("Bad Name");
        assertThat(badName.getElementById("robot-description").val()).isEqualTo("Builds images");

        Document longDescription = page(mvc.perform(post("/settings/robots").session(session).with(csrf())
                        .param("namespace", user).param("name", "").param("description", "x".repeat(256)))
                .andReturn());
        assertThat(fieldError(longDescription, "robot-name")).isEqualTo("Give the robot a name.");
        assertThat(fieldError(longDescription, "robot-description"))
                .isEqualTo("A robot's description has at most 255 characters.");

        mvc.perform(post("/settings/robots").session(session).with(csrf()).param("namespace", user).param("name", "ci"))
                .andExpect(redirectedUrl("/settings/robots"));
        Document taken = page(mvc.perform(post("/settings/robots").session(session).with(csrf())
                .param("namespace", user).param("name", "ci")).andReturn());
        assertThat(fieldError(taken, "robot-name")).isEqualTo("The robot " + user + "+ci exists already.");

        Document unnamedToken = page(mvc.perform(post("/settings/robots/{ns}/ci/tokens", user).session(session).with(csrf())
                        .param("name", " ").param("scope", "READ_WRITE"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(unnamedToken, "token-name-" + user + "+ci")).isEqualTo("Give the token a name, such as laptop or CI.");
        assertThat(unnamedToken.getElementById("created-token")).isNull();
    }

    @Test
    void anonymousVisitorsAreSentToLogIn() throws Exception {
        mvc.perform(get("/settings/tokens")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/settings/robots")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/settings/tokens").with(csrf()).param("name", "x").param("scope", "READ_WRITE"))
                .andExpect(redirectedUrl("/login"));

        // After logging in, the browser is back on the page it asked for.
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/settings/tokens").session(session)).andExpect(redirectedUrl("/login"));
        String user = createUser();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", user).param("password", passwordOf(user)))
                .andExpect(redirectedUrlPattern("**/settings/tokens?*"));
    }

    @Test
    void aRobotGetsARoleAndATokenThatPushesOnlyThere() throws Exception {
        String user = createUser();
        createRepository(user, user + "/app", "private");
        createRepository(user, user + "/other", "private");
        MockHttpSession session = signIn(user);
        mvc.perform(post("/settings/robots").session(session).with(csrf())
                        .param("namespace", user).param("name", "ci").param("description", "Builds images"))
                .andExpect(redirectedUrl("/settings/robots"))
                .andExpect(flash().attribute("notice", containsString(user + "+ci")));
        mvc.perform(post("/settings/robots/{ns}/ci/permissions", user).session(session).with(csrf())
                        .param("repository", user + "/app").param("role", "write"))
                .andExpect(flash().attribute("notice", containsString("saved")));
        mvc.perform(post("/settings/robots/{ns}/ci/permissions", user).session(session).with(csrf())
                        .param("repository", user + "/app").param("role", "boss"))
                .andExpect(redirectedUrl("/settings/robots"))
                .andExpect(flash().attribute("error", containsString("boss")));
        String page = mvc.perform(post("/settings/robots/{ns}/ci/tokens", user).session(session).with(csrf())
                        .param("name", "pipeline").param("scope", "READ_WRITE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Builds images")))
                .andExpect(content().string(containsString(
                        "id=\"login-command\">docker login -u " + user + "+ci " + commands.registryHost() + "<")))
                .andReturn().getResponse().getContentAsString();
        String secret = secretIn(page);

        assertThat(grants(token(as(user + "+ci", secret), "repository:" + user + "/app:push,pull",
                "repository:" + user + "/other:pull").getString("token")))
                .containsEntry(user + "/app", Set.of("push", "pull"))
                .containsEntry(user + "/other", Set.of());

        mvc.perform(post("/settings/robots/{ns}/ci/delete", user).session(session).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("deleted")));
        as(user + "+ci", secret).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
    }

    @Test
    void onlyManagersOfANamespaceMayManageItsRobots() throws Exception {
        String owner = createUser();
        String organization = createOrganization(owner);
        String member = createUser();
        putMember(organization, owner, member, "write");
        MockHttpSession memberSession = signIn(member);
        mvc.perform(get("/settings/robots").session(memberSession))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Robots of <span>" + organization))));
        mvc.perform(post("/settings/robots").session(memberSession).with(csrf())
                        .param("namespace", organization).param("name", "sneaky"))
                .andExpect(status().isForbidden());
        asUser(owner).get("/api/namespaces/{ns}/robots", organization).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        mvc.perform(get("/settings/robots").session(signIn(owner)))
                .andExpect(content().string(containsString("Robots of <span>" + organization + "</span>")));
    }

    private static String secretIn(String page) {
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).as("the page shows the new secret").isTrue();
        // Selectable as text; the copy button shows only with JavaScript.
        assertThat(page).contains("id=\"copy-created-token\" data-copy=\"" + matcher.group(1) + "\" hidden>Copy token</button>");
        return matcher.group(1);
    }
}
