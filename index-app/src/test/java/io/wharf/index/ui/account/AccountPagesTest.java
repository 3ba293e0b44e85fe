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
import org.jsoup.nodes.Document;
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
                        .param("username", username).param("email", email).param("password", STRONG_PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("We sent a confirmation link to")));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(false));

        MockHttpSession session = signIn(username, STRONG_PASSWORD);
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

        // A second visit says there is nothing more to do.
        mvc.perform(get(URI.create(link)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Your email address is confirmed already")))
                .andExpect(content().string(not(containsString("This link does not work"))));
        mvc.perform(get("/signup/confirm").param("token", "made-up"))
                .andExpect(content().string(containsString("This link does not work")));
    }

    /** Whether the Docker token service lets the user push to a repository of their own namespace. */
    private boolean pushGranted(String username) {
        String repository = username + "/app";
        return grants(token(as(username, STRONG_PASSWORD), "repository:" + repository + ":push,pull").getString("token"))
                .getOrDefault(repository, Set.of()).contains("push");
    }

    @Test
    void aRefusedSignUpShowsEveryErrorNextToItsFieldInPlainWordsAndKeepsTheInput() throws Exception {
        Document refused = page(mvc.perform(post("/signup").with(csrf())
                        .param("username", "Bad Name").param("email", "not-an-address").param("password", "password"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(refused, "username")).isEqualTo("The username must be 4 to 30 lowercase letters and digits.");
        assertThat(fieldError(refused, "email")).isEqualTo("Enter an email address such as name@example.com.");
        assertThat(fieldError(refused, "password")).contains("at least 10 characters");
        assertThat(refused.getElementById("username").val()).isEqualTo("Bad Name");
        assertThat(refused.getElementById("email").val()).isEqualTo("not-an-address");
        assertThat(refused.getElementById("password").val()).as("a password is never sent back").isEmpty();
        assertThat(refused.select("main").text()).doesNotContain("email:", "must be a well-formed", "size must be");

        Document blank = page(mvc.perform(post("/signup").with(csrf())
                        .param("username", "").param("email", "").param("password", "")).andReturn());
        assertThat(fieldError(blank, "username")).isEqualTo("Choose a username.");
        assertThat(fieldError(blank, "email")).isEqualTo("Enter your email address.");
        assertThat(fieldError(blank, "password")).contains("at least 10 characters");

        String username = uniqueName("weak");
        asAdmin().get("/api/users/{name}", username).then().statusCode(404);
    }

    @Test
    void signUpRefusesGuessablePasswordsAndSaysHowToChooseABetterOne() throws Exception {
        String username = uniqueName("weak");
        for (String weak : new String[] {"password", "12345678", "password1234", "qwertyuiop12", username + "-Quartz"}) {
            Document refused = page(mvc.perform(post("/signup").with(csrf()).param("username", username)
                            .param("email", username + "@example.com").param("password", weak))
                    .andExpect(status().isOk())
                    .andReturn());
            assertThat(fieldError(refused, "password")).as(weak)
                    .contains("Use three or four unrelated words, or let a password manager make one up.");
            assertThat(fieldError(refused, "username")).isEmpty();
            assertThat(refused.getElementById("username").val()).isEqualTo(username);
        }
        Document common = page(mvc.perform(post("/signup").with(csrf()).param("username", username)
                .param("email", username + "@example.com").param("password", "password1234")).andReturn());
        assertThat(fieldError(common, "password")).contains("This password is too easy to guess.", "common password");
        Document personal = page(mvc.perform(post("/signup").with(csrf()).param("username", username)
                .param("email", "someone.else@example.com").param("password", "Lantern-" + username + "-Quartz")).andReturn());
        assertThat(fieldError(personal, "password")).contains("does not contain your username or email address");
        asAdmin().get("/api/users/{name}", username).then().statusCode(404);

        mvc.perform(post("/signup").with(csrf()).param("username", username)
                        .param("email", username + "@example.com").param("password", STRONG_PASSWORD))
                .andExpect(content().string(containsString("We sent a confirmation link to")));
    }

    @Test
    void aTakenUsernameOrAddressIsShownNextToItsField() throws Exception {
        String existing = createUser();
        Document takenAddress = page(mvc.perform(post("/signup").with(csrf()).param("username", uniqueName("other"))
                .param("email", existing + "@example.com").param("password", STRONG_PASSWORD)).andReturn());
        assertThat(fieldError(takenAddress, "email")).isEqualTo("An account with this email address exists already.");
        assertThat(fieldError(takenAddress, "username")).isEmpty();

        Document takenName = page(mvc.perform(post("/signup").with(csrf()).param("username", existing)
                .param("email", uniqueName("other") + "@example.com").param("password", STRONG_PASSWORD)).andReturn());
        assertThat(fieldError(takenName, "username")).contains("the name " + existing + " is taken");
        assertThat(takenName.getElementById("username").val()).isEqualTo(existing);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/signup").param("username", uniqueName("csrf")).param("email", "c@example.com")
                        .param("password", STRONG_PASSWORD))
                .andExpect(status().isForbidden());
        String user = createUser();
        mvc.perform(post("/login").param("username", user).param("password", passwordOf(user)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(signIn(user)))
                .andExpect(status().isForbidden());
    }

    /** With no OpenID Connect provider configured (the default) nothing of its sign-in shows or answers. */
    @Test
    void withoutAProviderTheLoginPageHasNoProviderButtonAndItsAddressesAreUnknown() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("oidc-sign-in"))));
        mvc.perform(get("/oauth2/authorization/oidc")).andExpect(status().isNotFound());
        mvc.perform(get("/login/provider-error")).andExpect(redirectedUrl("/login"));
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
                .body(Map.of("currentPassword", passwordOf(user), "newPassword", STRONG_PASSWORD))
                .put("/api/users/{name}/password", user)
                .then().statusCode(204);
        mvc.perform(get("/").cookie(remembered))
                .andExpect(content().string(not(containsString(">" + user + "</a>"))))
                .andExpect(content().string(containsString("id=\"nav-login\"")));
    }

    @Test
    void replayingAnOldRememberMeCookieSignsTheUserOutEverywhereAndSaysWhy() throws Exception {
        String user = createUser();
        MockHttpSession otherBrowser = signIn(user);
        mvc.perform(get("/settings/profile").session(otherBrowser)).andExpect(status().isOk());
        Cookie copied = mvc.perform(post("/login").with(csrf())
                        .param("username", user).param("password", passwordOf(user)).param("remember-me", "on"))
                .andReturn().getResponse().getCookie("wharf-remember-me");
        Cookie rotated = mvc.perform(get("/").cookie(copied))
                .andExpect(content().string(containsString(">" + user + "</a>")))
                .andReturn().getResponse().getCookie("wharf-remember-me");

        mvc.perform(get("/").cookie(copied))
                .andExpect(redirectedUrl("/login?stolenCookie"))
                .andExpect(cookie().maxAge("wharf-remember-me", 0));
        mvc.perform(get("/login").param("stolenCookie", ""))
                .andExpect(content().string(containsString("may have been stolen. You are now signed out on every browser.")));

        mvc.perform(get("/").cookie(rotated)).andExpect(content().string(containsString("id=\"nav-login\"")));
        mvc.perform(get("/settings/profile").session(otherBrowser)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/settings/profile").session(signIn(user))).andExpect(status().isOk());
    }

    @Test
    void changingThePasswordElsewhereEndsOtherSessionsButNotTheOneThatChangedIt() throws Exception {
        String user = createUser();
        MockHttpSession other = signIn(user);
        mvc.perform(get("/settings/profile").session(other)).andExpect(status().isOk());
        MockHttpSession changing = signIn(user);
        mvc.perform(post("/settings/profile/password").session(changing).with(csrf())
                        .param("currentPassword", passwordOf(user)).param("newPassword", STRONG_PASSWORD))
                .andExpect(redirectedUrl("/settings/profile"))
                .andExpect(flash().attribute("notice", containsString("password is changed")));
        mvc.perform(get("/settings/profile").session(changing)).andExpect(status().isOk());
        mvc.perform(get("/settings/profile").session(other)).andExpect(redirectedUrl("/login"));
        as(user, STRONG_PASSWORD).get("/api/user").then().statusCode(200);
    }

    @Test
    void aRefusedPasswordChangeShowsItsErrorsNextToTheFields() throws Exception {
        String user = createUser();
        MockHttpSession session = signIn(user);
        Document wrongCurrent = page(mvc.perform(post("/settings/profile/password").session(session).with(csrf())
                        .param("currentPassword", "wrong-password").param("newPassword", STRONG_PASSWORD))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(wrongCurrent, "current-password")).isEqualTo("The current password is wrong.");
        assertThat(fieldError(wrongCurrent, "new-password")).isEmpty();
        assertThat(fieldError(wrongCurrent, "email-current-password")).as("the other form's field").isEmpty();

        Document weak = page(mvc.perform(post("/settings/profile/password").session(session).with(csrf())
                        .param("currentPassword", passwordOf(user)).param("newPassword", "12345678"))
                .andReturn());
        assertThat(fieldError(weak, "new-password")).contains("at least 10 characters");
        as(user, passwordOf(user)).get("/api/user").then().statusCode(200);
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
        Document weak = page(mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", "password"))
                .andReturn());
        assertThat(fieldError(weak, "password")).contains("at least 10 characters");
        Document guessable = page(mvc.perform(post("/password/reset").with(csrf()).param("token", token)
                .param("password", "iloveyou1234")).andReturn());
        assertThat(fieldError(guessable, "password")).contains("This password is too easy to guess.");
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", STRONG_PASSWORD))
                .andExpect(redirectedUrl("/login"))
                .andExpect(flash().attribute("notice", containsString("Your password is changed")));

        as(user, STRONG_PASSWORD).get("/api/user").then().statusCode(200);
        as(user, passwordOf(user)).get("/api/user").then().statusCode(401);
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("password", STRONG_PASSWORD + "!"))
                .andExpect(content().string(containsString("This link does not work")));
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
                .andExpect(status().isOk())
                .andDo(refused -> {
                    Document page = page(refused);
                    assertThat(fieldError(page, "email-current-password")).isEqualTo("The current password is wrong.");
                    assertThat(page.getElementById("new-email").val()).isEqualTo(newEmail);
                });
        Document invalid = page(mvc.perform(post("/settings/profile/email").session(session).with(csrf())
                .param("email", "not-an-address").param("currentPassword", passwordOf(user))).andReturn());
        assertThat(fieldError(invalid, "new-email")).isEqualTo("Enter an email address such as name@example.com.");
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
                        .param("password", STRONG_PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("the name library is reserved by Wharf")));
        asAdmin().get("/api/users/{name}", "library").then().statusCode(404);
    }
}
