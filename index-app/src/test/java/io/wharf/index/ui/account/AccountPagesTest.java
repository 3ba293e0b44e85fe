package io.wharf.index.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.wharf.index.ui.WebUiTestSupport;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Sign-up with email confirmation, login, remember-me, logout, password reset and the profile page. */
class AccountPagesTest extends WebUiTestSupport {

    @Test
    void signingUpMailsALinkThatConfirmsTheAddress() throws Exception {
        String username = uniqueName("new");
        String email = username + "@example.com";
        mvc.perform(post("/signup").with(csrf())
                        .param("username", username).param("email", email).param("password", "a-long-password"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("We sent a confirmation link to")));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(false));

        MockHttpSession session = signIn(username, "a-long-password");
        mvc.perform(get("/settings/profile").session(session))
                .andExpect(content().string(containsString("not confirmed")));
        mvc.perform(get("/").session(session))
                .andExpect(content().string(containsString("id=\"confirm-email-reminder\"")));
        assertThat(pushGranted(username)).as("no push before the address is confirmed").isFalse();

        String link = linkInMailTo(email, "Confirm your email address");
        assertThat(link).startsWith("http://127.0.0.1:" + port + "/signup/confirm?token=");
        mvc.perform(get(URI.create(link)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Email address confirmed")));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(true));
        assertThat(pushGranted(username)).isTrue();

        // Used up: a second visit shows that the link no longer works.
        mvc.perform(get(URI.create(link)))
                .andExpect(content().string(containsString("This link does not work")));
        mvc.perform(get("/signup/confirm").param("token", "made-up"))
                .andExpect(content().string(containsString("This link does not work")));
    }

    /** Whether the Docker token service lets the user push to a repository of their own namespace. */
    private boolean pushGranted(String username) {
        String repository = username + "/app";
        return grants(token(as(username, "a-long-password"), "repository:" + repository + ":push,pull").getString("token"))
                .getOrDefault(repository, Set.of()).contains("push");
    }

    @Test
    void aRefusedSignUpShowsTheReasonAndKeepsTheInput() throws Exception {
        String username = uniqueName("short");
        mvc.perform(post("/signup").with(csrf())
                        .param("username", username).param("email", username + "@example.com").param("password", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("password must have at least 8 characters")))
                .andExpect(content().string(containsString("value=\"" + username + "\"")));
        mvc.perform(post("/signup").with(csrf())
                        .param("username", "Bad Name").param("email", "x@example.com").param("password", "a-long-password"))
                .andExpect(content().string(containsString("4 to 30 lowercase letters and digits")));
        mvc.perform(post("/signup").with(csrf())
                        .param("username", uniqueName("mail")).param("email", "not-an-address").param("password", "a-long-password"))
                .andExpect(content().string(containsString("email:")));
        asAdmin().get("/api/users/{name}", username).then().statusCode(404);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/signup").param("username", uniqueName("csrf")).param("email", "c@example.com")
                        .param("password", "a-long-password"))
                .andExpect(status().isForbidden());
        String user = createUser();
        mvc.perform(post("/login").param("username", user).param("password", passwordOf(user)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(signIn(user)))
                .andExpect(status().isForbidden());
    }

    @Test
    void loginRefusesWrongPasswordsLockedAccountsAndAccessTokens() throws Exception {
        String user = createUser();
        MvcResult failed = mvc.perform(post("/login").with(csrf()).param("username", user).param("password", "wrong-password"))
                .andExpect(redirectedUrl("/login?error"))
                .andReturn();
        mvc.perform(get("/login").param("error", "").session((MockHttpSession) failed.getRequest().getSession()))
                .andExpect(content().string(containsString("invalid username or password")));

        String token = createAccessToken(user, "read-write");
        mvc.perform(post("/login").with(csrf()).param("username", user).param("password", token))
                .andExpect(redirectedUrl("/login?error"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", user)
                .then().statusCode(200);
        mvc.perform(post("/login").with(csrf()).param("username", user).param("password", passwordOf(user)))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void lockingAnAccountEndsItsSessionsAtTheNextRequest() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        mvc.perform(get("/settings/profile").session(session)).andExpect(status().isOk());
        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", user)
                .then().statusCode(200);
        mvc.perform(get("/settings/profile").session(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void rememberMeSignsTheBrowserInWithoutASessionUntilThePasswordChanges() throws Exception {
        String user = createUser();
        MvcResult login = mvc.perform(post("/login").with(csrf())
                        .param("username", user).param("password", passwordOf(user)).param("remember-me", "on"))
                .andExpect(redirectedUrl("/"))
                .andExpect(cookie().httpOnly("wharf-remember-me", true))
                .andReturn();
        Cookie remembered = login.getResponse().getCookie("wharf-remember-me");
        mvc.perform(get("/").cookie(remembered))
                .andExpect(content().string(containsString(">" + user + "</a>")));

        asUser(user).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(user), "newPassword", "another-password"))
                .put("/api/users/{name}/password", user)
                .then().statusCode(204);
        mvc.perform(get("/").cookie(remembered))
                .andExpect(content().string(not(containsString(">" + user + "</a>"))))
                .andExpect(content().string(containsString("id=\"nav-login\"")));
    }

    @Test
    void changingThePasswordElsewhereEndsOtherSessionsButNotTheOneThatChangedIt() throws Exception {
        String user = createUser();
        MockHttpSession other = signIn(user);
        mvc.perform(get("/settings/profile").session(other)).andExpect(status().isOk());
        MockHttpSession changing = signIn(user);
        mvc.perform(post("/settings/profile/password").session(changing).with(csrf())
                        .param("currentPassword", passwordOf(user)).param("newPassword", "brand-new-password"))
                .andExpect(redirectedUrl("/settings/profile"))
                .andExpect(flash().attribute("notice", containsString("password is changed")));
        mvc.perform(get("/settings/profile").session(changing)).andExpect(status().isOk());
        mvc.perform(get("/settings/profile").session(other)).andExpect(redirectedUrl("/login"));
        as(user, "brand-new-password").get("/api/user").then().statusCode(200);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        mvc.perform(post("/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/login?signedOut"));
        mvc.perform(get("/settings/profile").session(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login").param("signedOut", "")).andExpect(content().string(containsString("You have signed out.")));
    }

    @Test
    void aPasswordResetLinkSetsANewPasswordOnce() throws Exception {
        String user = createUser();
        String email = user + "@example.com";
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email.toUpperCase()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("If an account has the address")));
        String link = linkInMailTo(email, "Reset your Wharf password");
        assertThat(link).startsWith("http://127.0.0.1:" + port + "/password/reset?token=");
        String token = link.substring(link.indexOf("token=") + "token=".length());

        mvc.perform(get(URI.create(link)))
                .andExpect(content().string(containsString("Choose a new password")))
                .andExpect(content().string(containsString(user)));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", "short"))
                .andExpect(content().string(containsString("password must have at least 8 characters")));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", "reset-password"))
                .andExpect(redirectedUrl("/login"))
                .andExpect(flash().attribute("notice", containsString("Your password is changed")));

        as(user, "reset-password").get("/api/user").then().statusCode(200);
        as(user, passwordOf(user)).get("/api/user").then().statusCode(401);
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", "third-password"))
                .andExpect(content().string(containsString("invalid, used or expired")));
        mvc.perform(get(URI.create(link))).andExpect(content().string(containsString("This link does not work")));
    }

    @Test
    void askingForAResetOfAnUnknownAddressLooksTheSameAndSendsNothing() throws Exception {
        String email = uniqueName("nobody") + "@example.org";
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("If an account has the address")));
        // Mails leave after the answer: once a later reset mail for a real account arrived, the first
        // request had its chance to send one.
        String user = createUser();
        mvc.perform(post("/password/forgot").with(csrf()).param("email", user + "@example.com"));
        linkInMailTo(user + "@example.com", "Reset your Wharf password");
        assertThat(MAIL.getReceivedMessagesForDomain(email)).isEmpty();
    }

    @Test
    void changingTheEmailAddressNeedsAConfirmationOfTheNewOne() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        String newEmail = user + "@new.example.com";
        mvc.perform(post("/settings/profile/email").session(session).with(csrf())
                        .param("email", newEmail).param("currentPassword", "wrong-password"))
                .andExpect(flash().attribute("error", "the current password is wrong"));
        mvc.perform(post("/settings/profile/email").session(session).with(csrf())
                        .param("email", newEmail).param("currentPassword", passwordOf(user)))
                .andExpect(flash().attribute("notice", containsString("Open the link we sent there")));
        asAdmin().get("/api/users/{name}", user).then()
                .body("email", equalTo(newEmail)).body("emailConfirmed", equalTo(false));

        mvc.perform(get(URI.create(linkInMailTo(newEmail, "Confirm your email address"))))
                .andExpect(content().string(containsString("Email address confirmed")));
        asAdmin().get("/api/users/{name}", user).then().body("emailConfirmed", equalTo(true));
    }

    @Test
    void settingsPagesSendAnonymousVisitorsToTheLoginPage() throws Exception {
        mvc.perform(get("/settings/profile")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"username\"")))
                .andExpect(content().string(containsString("name=\"password\"")));
        mvc.perform(get("/signup")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"email\"")));
    }

    @Test
    void theSignUpFormRefusesReservedNames() throws Exception {
        mvc.perform(post("/signup").with(csrf())
                        .param("username", "library").param("email", "library@example.com")
                        .param("password", "a-long-enough-password"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("the name library is reserved by Wharf")));
        asAdmin().get("/api/users/{name}", "library").then().statusCode(404);
    }
}
