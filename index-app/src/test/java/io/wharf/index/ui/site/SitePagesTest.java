package io.wharf.index.ui.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wharf.index.repository.DockerCommands;
import io.wharf.index.ui.WebUiTestSupport;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The start page and dashboard, the layout, security headers, and the error pages. */
class SitePagesTest extends WebUiTestSupport {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private DockerCommands commands;

    @Test
    void visitorsSeeAWelcomeWithRecentlyPushedPublicRepositoriesOnly() throws Exception {
        String owner = createUser();
        createRepository(owner, owner + "/shown", "public");
        createRepository(owner, owner + "/hidden", "private");
        sendEvents(tagPush(owner + "/shown", "1.0", digest("shown"), Instant.now()),
                tagPush(owner + "/hidden", "1.0", digest("hidden"), Instant.now()));
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(matchesPattern("(?s).*href=\"/css/wharf-[0-9a-f]{32}\\.css\".*")))
                .andExpect(content().string(containsString("id=\"nav-login\"")))
                .andExpect(content().string(containsString("href=\"/r/" + owner + "/shown\"")))
                .andExpect(content().string(not(containsString(owner + "/hidden"))))
                .andExpect(content().string(not(containsString("Sign out"))));
    }

    @Test
    void theDashboardListsMyRepositoriesOrganizationsAndRecentPushes() throws Exception {
        String user = createUser();
        String organization = createOrganization(user);
        createRepository(user, user + "/mine", "private");
        String stranger = createUser();
        createRepository(stranger, stranger + "/theirs", "private");
        sendEvents(tagPush(user + "/mine", "1.0", digest("mine"), Instant.now()),
                tagPush(stranger + "/theirs", "1.0", digest("theirs"), Instant.now()));
        MockHttpSession session = signIn(user);
        mvc.perform(get("/").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>Dashboard</h1>")))
                .andExpect(content().string(containsString(">" + user + "</a>")))
                .andExpect(content().string(containsString("href=\"/r/" + user + "/mine\"")))
                .andExpect(content().string(containsString("class=\"grid repo-cards\"")))
                .andExpect(content().string(containsString("href=\"/orgs/" + organization + "\"")))
                .andExpect(content().string(not(containsString(stranger + "/theirs"))))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(not(containsString("href=\"/admin/users\""))));
        mvc.perform(get("/").session(signInAsAdmin()))
                .andExpect(content().string(containsString("href=\"/admin\"")));
    }

    @Test
    void theDashboardListsTheRepositoriesOfMyOrganizationsToo() throws Exception {
        String owner = createUser();
        String organization = createOrganization(owner);
        String member = createUser();
        putMember(organization, owner, member, "admin");
        createRepository(owner, organization + "/shared", "private");
        mvc.perform(get("/").session(signIn(member)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/r/" + organization + "/shared\"")))
                .andExpect(content().string(not(containsString("id=\"no-repositories\""))));
    }

    @Test
    void theDashboardOfAUserWithoutRepositoriesShowsThePushCommandWithTheRegistryHost() throws Exception {
        String user = createUser();
        mvc.perform(get("/").session(signIn(user)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "id=\"push-command\">docker push " + commands.registryHost() + "/" + user + "/IMAGE:TAG<")))
                .andExpect(content().string(not(containsString("HOST/"))));
    }

    @Test
    void malformedRequestsGetA400PageSayingWhatIsWrong() throws Exception {
        MockHttpSession session = signIn(createUser());
        mvc.perform(post("/settings/tokens").session(session).with(csrf()).param("scope", "READ_WRITE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("<h1>400 Bad Request</h1>")))
                .andExpect(content().string(containsString("The request lacks the parameter “name”.")))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(post("/settings/tokens").session(session).with(csrf()).param("name", "ci").param("scope", "EVERYTHING"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The parameter “scope” does not have a valid value.")))
                .andExpect(content().string(not(containsString("EVERYTHING"))))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(post("/settings/tokens/{id}/revoke", "first").session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The parameter “id” does not have a valid value.")));
    }

    @Test
    void aMethodAPageDoesNotTakeGetsA405PageWithAllow() throws Exception {
        mvc.perform(put("/explore").with(csrf()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", containsString("GET")))
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("<h1>405 Method Not Allowed</h1>")))
                .andExpect(content().string(containsString("This address does not take PUT requests.")));
    }

    @Test
    void aBadlyEncodedParameterIsA400PageOverHttp() throws Exception {
        // Java's HTTP client refuses to send "%zz", so the request goes over a plain socket.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /search?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER_ACCEPT
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                    .contains("A parameter is not properly encoded.").doesNotContain("Exception").doesNotContain("at io.");
        }
    }

    @Test
    void theStylesheetAndScriptAreServedUnderTheirContentHashAndCachedForAYear() throws Exception {
        HttpResponse<String> page = http.send(browser("/login").build(), HttpResponse.BodyHandlers.ofString());
        Matcher href = Pattern.compile("href=\"(/css/wharf-[0-9a-f]{32}\\.css)\"").matcher(page.body());
        assertThat(href.find()).isTrue();
        HttpResponse<String> css = http.send(browser(href.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
        assertThat(css.body()).contains(":focus-visible");
        // The only script: an external file, as the Content-Security-Policy (script-src 'self') allows.
        Matcher src = Pattern.compile("<script src=\"(/js/copy-[0-9a-f]{32}\\.js)\" defer></script>").matcher(page.body());
        assertThat(src.find()).isTrue();
        HttpResponse<String> script = http.send(browser(src.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
        assertThat(script.body()).contains("button.copy[data-copy]");
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> login = http.send(browser("/login").build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("WHARF_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void anUnknownPageIsAnHtml404WithoutInternals() throws Exception {
        HttpResponse<String> response = http.send(browser("/no/such/page").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("<h1>Not found</h1>").containsPattern("/css/wharf-[0-9a-f]{32}\\.css")
                .doesNotContain("Exception").doesNotContain("at io.").doesNotContain("No static resource");
    }

    @Test
    void aFormSentAfterItsSessionEndedShowsWhatWasEnteredAndTheLoginComesBackToItsPage() throws Exception {
        String user = createUser();
        // The page comes from a forward after Spring Security's refusal, so it is checked over HTTP, as a browser
        // whose session cookie is gone sends the form: no cookie, the Referer of the form's page.
        HttpResponse<String> refused = http.send(browser("/settings/profile/email")
                .header("Referer", base() + "/settings/profile?tab=email")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=kept%40example.com&currentPassword=hunter2-secret"
                        + "&_csrf=stale-token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("<h1>Your session has expired</h1>", "kept@example.com",
                        "id=\"session-expired-login\" href=\"/login\"")
                .containsPattern("/css/wharf-[0-9a-f]{32}\\.css\"")
                .doesNotContain("hunter2-secret", "stale-token", "WHARF_SESSION=", "\"error\"", "Exception");

        String session = sessionCookie(refused);
        HttpResponse<String> loginPage = http.send(browser("/login").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.body()).doesNotContain(";WHARF_SESSION=");
        HttpResponse<String> login = http.send(browser("/login").header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + passwordOf(user)
                        + "&_csrf=" + csrfTokenIn(loginPage.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/settings/profile?tab=email");

        // Other refusals stay the 403 page.
        HttpResponse<String> forbidden = http.send(browser("/admin/users").header("Cookie", sessionCookie(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(forbidden.body()).contains("<h1>Not allowed</h1>").doesNotContain("Exception");
    }

    @Test
    void aRefusedFormNeverSendsTheLoginToAnotherSite() throws Exception {
        HttpResponse<String> refused = http.send(browser("/logout").header("Referer", "https://elsewhere.example/phish")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<h1>Your session has expired</h1>")
                .doesNotContain("elsewhere.example", "id=\"session-expired-entered\"");
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("WHARF_SESSION="))
                .map(value -> value.substring(0, value.indexOf(';')))
                .findFirst().orElseThrow();
    }

    private static String csrfTokenIn(String page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

    @Test
    void theRestApiStillAnswersJsonErrors() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/no-such-thing"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(unknown.body()).contains("\"error\":\"not_found\"");
        anonymous().get("/api/users").then().statusCode(401).contentType("application/json");
        anonymous().header("Accept", BROWSER_ACCEPT).get("/api/repositories/nobody/nothing")
                .then().statusCode(404).contentType("application/json");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder browser(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", BROWSER_ACCEPT)
                .timeout(Duration.ofSeconds(10));
    }
}
