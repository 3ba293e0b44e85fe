package io.wharf.index.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.index.ui.WebUiTestSupport;
import io.wharf.registry.clients.OpenLdapServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with a real OpenLDAP directory ({@link OpenLdapServer}): the web form and the Docker token service, accounts
 * made at the first sign-in, directory groups filling teams, users the directory disables, a directory that hangs or
 * is down, LDAP injection, and the local accounts beside the directory.
 */
class LdapSignInTest extends WebUiTestSupport {

    private static final String PEOPLE = "ou=people," + OpenLdapServer.SUFFIX;
    private static final String DEVS = "cn=devs,ou=groups," + OpenLdapServer.SUFFIX;
    private static final String DISABLED = "cn=disabled,ou=groups," + OpenLdapServer.SUFFIX;
    private static final String PASSWORD = "directory-password-7";

    private static OpenLdapServer directory;

    @BeforeAll
    static void startDirectory() {
        StringBuilder entries = new StringBuilder("""
                dn: %s
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,%s
                objectClass: organizationalUnit
                ou: groups

                """.formatted(PEOPLE, OpenLdapServer.SUFFIX));
        for (String uid : List.of("dirdev01", "dirweb01", "dirleave01", "dirlock01", "dirgone01", "admin", "Bad.Name")) {
            entries.append("""
                    dn: uid=%1$s,%2$s
                    objectClass: inetOrgPerson
                    uid: %1$s
                    cn: %1$s
                    sn: %1$s
                    mail: %1$s@directory.example.org
                    userPassword: %3$s

                    """.formatted(uid, PEOPLE, PASSWORD));
        }
        entries.append("""
                dn: %1$s
                objectClass: groupOfNames
                cn: devs
                member: uid=dirdev01,%3$s
                member: uid=dirleave01,%3$s
                member: uid=dirlock01,%3$s

                dn: %2$s
                objectClass: groupOfNames
                cn: disabled
                member: uid=dirgone01,%3$s
                """.formatted(DEVS, DISABLED, PEOPLE));
        directory = OpenLdapServer.start(entries.toString());
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @DynamicPropertySource
    static void ldap(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.ldap.enabled", () -> "true");
        registry.add("wharf.index.ldap.url", () -> directory.url());
        registry.add("wharf.index.ldap.base-dn", () -> OpenLdapServer.SUFFIX);
        registry.add("wharf.index.ldap.bind-dn", () -> OpenLdapServer.ROOT_DN);
        registry.add("wharf.index.ldap.bind-password", () -> OpenLdapServer.ROOT_PASSWORD);
        registry.add("wharf.index.ldap.disabled-group", () -> DISABLED);
        registry.add("wharf.index.ldap.connect-timeout", () -> "1s");
        registry.add("wharf.index.ldap.read-timeout", () -> "1s");
        // Every refresh asks the directory, so that the tests see its changes at once.
        registry.add("wharf.index.ldap.recheck-after", () -> "0s");
    }

    @Test
    void aDirectoryUserSignsInOnTheWebAndAtTheTokenServiceAndGetsAnAccountAtTheFirstSignIn() throws Exception {
        asAdmin().get("/api/users/dirdev01").then().statusCode(404);

        token(as("dirdev01", PASSWORD));

        asAdmin().get("/api/users/dirdev01").then().statusCode(200)
                .body("email", equalTo("dirdev01@directory.example.org")).body("administrator", equalTo(false));
        signIn("dirweb01", PASSWORD);
        asAdmin().get("/api/users/dirweb01").then().statusCode(200);
        tokenRequest(as("dirdev01", "not-the-password")).then().statusCode(401)
                .body("message", containsString("invalid username or password"));
        tokenRequest(as("dirdev01", "")).then().statusCode(401);
    }

    @Test
    void directoryGroupsFillTeamsAndLeavingTheGroupEndsTheTeamsAccessAtTheNextRefresh() {
        String owner = createUser();
        String org = createOrganization(owner);
        createRepository(owner, org + "/app", "private");
        Map<String, Object> team = new HashMap<>(Map.of("name", "devs", "role", "write", "allRepositories", true,
                "directoryGroup", "ldap:" + DEVS));
        asUser(owner).contentType(ContentType.JSON).body(team).post("/api/organizations/{org}/teams", org)
                .then().statusCode(201);
        String scope = "repository:" + org + "/app:pull,push";

        JsonPath signedIn = passwordGrant("dirleave01", PASSWORD, scope).then().statusCode(200).extract().jsonPath();
        assertThat(grants(signedIn.getString("token")).get(org + "/app")).containsExactlyInAnyOrder("pull", "push");
        asUser(owner).get("/api/organizations/{org}/teams/devs", org).then().body("members", equalTo(List.of("dirleave01")));

        directory.modify("""
                dn: %s
                changetype: modify
                delete: member
                member: uid=dirleave01,%s
                """.formatted(DEVS, PEOPLE));

        String refreshed = refreshGrant(signedIn.getString("refresh_token"), scope).then().statusCode(200)
                .extract().path("token");
        assertThat(grants(refreshed).get(org + "/app")).isNullOrEmpty();
        asUser(owner).get("/api/organizations/{org}/teams/devs", org).then().body("members", equalTo(List.of()));
    }

    @Test
    void aUserTheDirectoryDisablesLosesSignInWebSessionsRefreshTokensAndAccessTokens() throws Exception {
        MockHttpSession web = signIn("dirlock01", PASSWORD);
        mvc.perform(get("/orgs").session(web)).andExpect(status().isOk());
        String refreshToken = passwordGrant("dirlock01", PASSWORD, null).then().statusCode(200)
                .extract().path("refresh_token");
        String accessToken = as("dirlock01", PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "laptop", "scope", "read-write")).post("/api/tokens")
                .then().statusCode(201).extract().path("token");
        token(as("dirlock01", accessToken));

        directory.modify("""
                dn: %s
                changetype: modify
                add: member
                member: uid=dirlock01,%s
                """.formatted(DISABLED, PEOPLE));

        tokenRequest(as("dirlock01", PASSWORD)).then().statusCode(401)
                .body("message", containsString("your directory account is disabled"));
        mvc.perform(get("/orgs").session(web)).andExpect(redirectedUrl("/login"));
        refreshGrant(refreshToken, null).then().statusCode(401);
        tokenRequest(as("dirlock01", accessToken)).then().statusCode(401);
        // Disabled before their first sign-in: no account is made.
        tokenRequest(as("dirgone01", PASSWORD)).then().statusCode(401)
                .body("message", containsString("your directory account is disabled"));
        asAdmin().get("/api/users/dirgone01").then().statusCode(404);
    }

    @Test
    void namesThatWouldBeFilterSyntaxFindNoOne() {
        for (String name : List.of("*", "dir*", ")(uid=*", "dirdev01)(|(uid=*", "*)(objectClass=*", "\\",
                "dirdev01\\", "\u0000", "dirdev01\u0000", "dirdev01\u0000)(uid=*")) {
            tokenRequest(as(name, PASSWORD)).then().statusCode(401)
                    .body("message", containsString("invalid username or password"));
        }
    }

    @Test
    void localAccountsAndTheBootstrapAdministratorSignInBesideTheDirectoryAndANameClashIsRefused() {
        String local = createUser();

        token(as(ADMIN, ADMIN_PASSWORD));
        token(asUser(local));
        tokenRequest(as(ADMIN, PASSWORD)).then().statusCode(401)
                .body("message", containsString("a local Wharf account is named admin too"));
        tokenRequest(as("Bad.Name", PASSWORD)).then().statusCode(401)
                .body("message", containsString("cannot name a Wharf account"));
    }

    @Test
    void aDirectoryThatHangsGivesAClearErrorWithinTheTimeoutWhileLocalAccountsSignIn() throws Exception {
        String local = createUser();
        directory.pause();
        try {
            long started = System.nanoTime();
            tokenRequest(as("dirdev01", PASSWORD)).then().statusCode(503)
                    .body("message", containsString("the company directory (LDAP) did not answer"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            mvc.perform(post("/login").with(csrf()).param("username", "dirdev01").param("password", PASSWORD))
                    .andExpect(redirectedUrl("/login?error"));
            token(as(ADMIN, ADMIN_PASSWORD));
            token(asUser(local));
        } finally {
            directory.resume();
        }
        token(as("dirdev01", PASSWORD));
    }

    @Test
    void aDirectoryThatIsDownIsReportedAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LdapDirectory down = new LdapDirectory(new LdapProperties(true, "ldap://127.0.0.1:" + closedPort,
                OpenLdapServer.SUFFIX, "", "", "ou=people", "(uid={0})", "uid", "mail", "ou=groups", "(member={0})", "",
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO));

        long started = System.nanoTime();
        assertThatThrownBy(() -> down.find("dirdev01")).isInstanceOf(DirectoryUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private Response tokenRequest(io.restassured.specification.RequestSpecification client) {
        return client.queryParam("service", SERVICE).get("/v2/token");
    }

    private Response passwordGrant(String username, String password, String scope) {
        var request = anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("service", SERVICE).formParam("client_id", "test")
                .formParam("access_type", "offline").formParam("username", username).formParam("password", password);
        return (scope == null ? request : request.formParam("scope", scope)).post("/v2/token");
    }

    private Response refreshGrant(String refreshToken, String scope) {
        var request = anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("service", SERVICE).formParam("client_id", "test")
                .formParam("refresh_token", refreshToken);
        return (scope == null ? request : request.formParam("scope", scope)).post("/v2/token");
    }
}
