package io.wharf.index.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wharf.index.ui.WebUiTestSupport;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: each change of rights or settings, made through the REST API or the web UI as a client would,
 * leaves an entry naming the actor, the client address (from {@code X-Forwarded-For}, as this index trusts
 * 127.0.0.1 as its proxy), the target and the values before and after; no secret used on the way appears in any
 * entry. Administrators search it by actor, target and time, a page at a time, and export it as JSON lines; nobody
 * else reads it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest extends WebUiTestSupport {

    /** Where every acting client says it comes from, through the trusted proxy. */
    private static final String CLIENT = "203.0.113.7";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    /** A registry that knows no repository, so that deleting one in the index goes ahead (404: gone already). */
    private static final HttpServer EMPTY_REGISTRY = emptyRegistry();

    /** Every password and token secret this class used: none may appear in the log. */
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private static String adminToken;

    @DynamicPropertySource
    static void auditedIndex(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.login-throttle.trusted-proxies", () -> "127.0.0.1");
        registry.add("wharf.index.registry-url", () -> "http://127.0.0.1:" + EMPTY_REGISTRY.getAddress().getPort());
    }

    @AfterAll
    static void stopRegistry() {
        EMPTY_REGISTRY.stop(0);
    }

    @Test
    void signingUpAndConfirmingTheAddressAreRecorded() throws Exception {
        String username = uniqueName("signup");
        String email = username + "@example.com";
        SECRETS.add(STRONG_PASSWORD);
        mvc.perform(post("/signup").with(csrf()).header(FORWARDED_FOR, CLIENT)
                        .param("username", username).param("email", email).param("password", STRONG_PASSWORD))
                .andExpect(status().isOk());
        String link = linkInMailTo(email, "Confirm your email address");
        SECRETS.add(link.substring(link.indexOf("token=") + "token=".length()));
        mvc.perform(get(URI.create(link)).header(FORWARDED_FOR, CLIENT)).andExpect(status().isOk());
        mvc.perform(get(URI.create(link)).header(FORWARDED_FOR, CLIENT)).andExpect(status().isOk());

        Map<String, Object> signedUp = entry("account", username, "account.signed-up");
        assertThat(signedUp).containsEntry("actor", "anonymous").containsEntry("clientAddress", CLIENT);
        assertThat(after(signedUp)).containsEntry("email", email).containsEntry("administrator", false)
                .containsEntry("emailConfirmed", false);
        Map<String, Object> confirmed = entry("account", username, "account.email-confirmed");
        assertThat(before(confirmed)).containsEntry("emailConfirmed", false);
        assertThat(after(confirmed)).containsEntry("emailConfirmed", true);
        assertThat(actions("account", username)).as("opening the link again changes nothing")
                .containsExactly("account.email-confirmed", "account.signed-up");
    }

    @Test
    void administratorsCreatingLockingUnlockingPromotingAndConfirmingAccountsAreRecorded() {
        String username = uniqueName("managed");
        SECRETS.add(passwordOf(username));
        admin().contentType(ContentType.JSON).body(Map.of("username", username, "email", username + "@example.com",
                "password", passwordOf(username), "emailConfirmed", false)).post("/api/users").then().statusCode(201);
        for (Map<String, Boolean> change : List.of(Map.of("locked", true), Map.of("locked", false),
                Map.of("administrator", true), Map.of("administrator", false), Map.of("emailConfirmed", true))) {
            admin().contentType(ContentType.JSON).body(change).patch("/api/users/{name}", username)
                    .then().statusCode(200);
        }
        // A flag set to what it is already is no change.
        admin().contentType(ContentType.JSON).body(Map.of("locked", false)).patch("/api/users/{name}", username)
                .then().statusCode(200);

        assertThat(actions("account", username)).containsExactly("account.email-confirmed",
                "account.administrator-revoked", "account.administrator-granted", "account.unlocked",
                "account.locked", "account.created");
        Map<String, Object> created = entry("account", username, "account.created");
        assertThat(created).containsEntry("actor", ADMIN).containsEntry("clientAddress", CLIENT);
        assertThat(after(created)).containsEntry("emailConfirmed", false).containsEntry("administrator", false);
        Map<String, Object> locked = entry("account", username, "account.locked");
        assertThat(before(locked)).isEqualTo(Map.of("locked", false));
        assertThat(after(locked)).isEqualTo(Map.of("locked", true));
        assertThat(after(entry("account", username, "account.administrator-granted")))
                .isEqualTo(Map.of("administrator", true));
    }

    @Test
    void passwordChangesByTheUserAndByAdministratorsAndResetsAreRecorded() throws Exception {
        String user = createUser();
        String own = "Copper-Kettle-Meadow-31";
        String byAdmin = "Granite-Sparrow-Ledger-58";
        String byReset = "Velvet-Orchard-Compass-64";
        SECRETS.addAll(List.of(passwordOf(user), own, byAdmin, byReset));
        asUser(user).header(FORWARDED_FOR, CLIENT).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(user), "newPassword", own))
                .put("/api/users/{name}/password", user).then().statusCode(204);
        mvc.perform(post("/admin/users/{name}/password", user).session(signInAsAdmin()).with(csrf())
                .header(FORWARDED_FOR, CLIENT).param("newPassword", byAdmin)).andExpect(redirectedUrl("/admin/users"));
        mvc.perform(post("/password/forgot").with(csrf()).param("email", user + "@example.com"))
                .andExpect(status().isOk());
        String link = linkInMailTo(user + "@example.com", "Reset your Wharf password");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        SECRETS.add(token);
        mvc.perform(post("/password/reset").with(csrf()).header(FORWARDED_FOR, CLIENT)
                .param("token", token).param("password", byReset)).andExpect(redirectedUrl("/login"));

        List<Map<String, Object>> entries = entries(Map.of("targetKind", "account", "target", user));
        assertThat(entries).extracting(entry -> entry.get("action") + " by " + entry.get("actor"))
                .startsWith("account.password-reset by anonymous", "account.password-changed by " + ADMIN,
                        "account.password-changed by " + user);
        assertThat(entries.subList(0, 3)).allSatisfy(entry -> {
            assertThat(entry).containsEntry("clientAddress", CLIENT);
            assertThat(before(entry)).isEmpty();
            assertThat(after(entry)).isEmpty();
        });
    }

    @Test
    void changingTheEmailAddressIsRecordedWithTheOldAndNewAddress() throws Exception {
        String user = createUser();
        String newEmail = "moved-" + user + "@example.com";
        mvc.perform(post("/settings/profile/email").session(signIn(user)).with(csrf()).header(FORWARDED_FOR, CLIENT)
                .param("email", newEmail).param("currentPassword", passwordOf(user))).andExpect(status().is3xxRedirection());

        Map<String, Object> changed = entry("account", user, "account.email-changed");
        assertThat(changed).containsEntry("actor", user).containsEntry("clientAddress", CLIENT);
        assertThat(before(changed)).isEqualTo(Map.of("email", user + "@example.com", "emailConfirmed", true));
        assertThat(after(changed)).isEqualTo(Map.of("email", newEmail, "emailConfirmed", false));
    }

    @Test
    void replayingAStolenRememberMeCookieRecordsTheSignOutEverywhere() throws Exception {
        String user = createUser();
        Cookie copied = mvc.perform(post("/login").with(csrf())
                        .param("username", user).param("password", passwordOf(user)).param("remember-me", "on"))
                .andReturn().getResponse().getCookie("wharf-remember-me");
        mvc.perform(get("/").cookie(copied)).andExpect(status().isOk());
        mvc.perform(get("/").cookie(copied).header(FORWARDED_FOR, CLIENT)).andExpect(redirectedUrl("/login?stolenCookie"));

        Map<String, Object> signedOut = entry("account", user, "account.signed-out-everywhere");
        assertThat(signedOut).containsEntry("actor", "system").containsEntry("clientAddress", CLIENT);
        assertThat(after(signedOut)).containsEntry("reason", "a stolen remember-me cookie was replayed");
    }

    @Test
    void deletingAnAccountIsRecorded() {
        String user = createUser();
        admin().delete("/api/users/{name}", user).then().statusCode(204);

        Map<String, Object> deleted = entry("account", user, "account.deleted");
        assertThat(deleted).containsEntry("actor", ADMIN).containsEntry("clientAddress", CLIENT);
        assertThat(before(deleted)).isEqualTo(Map.of("email", user + "@example.com", "administrator", false));
        assertThat(after(deleted)).isEmpty();
    }

    @Test
    void accessTokensCreatedAndRevokedAreRecordedWithoutTheirSecret() {
        String user = createUser();
        JsonPath created = asUser(user).header(FORWARDED_FOR, CLIENT).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "scope", "read-only", "expiresAt", "2099-01-01T00:00:00Z"))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath();
        SECRETS.add(created.getString("token"));
        asUser(user).header(FORWARDED_FOR, CLIENT).delete("/api/tokens/{id}", created.getLong("id"))
                .then().statusCode(204);

        String target = user + "/ci";
        Map<String, Object> issued = entry("access-token", target, "access-token.created");
        assertThat(issued).containsEntry("actor", user).containsEntry("clientAddress", CLIENT);
        assertThat(after(issued)).isEqualTo(Map.of("id", created.getInt("id"), "scope", "read-only",
                "expiresAt", "2099-01-01T00:00:00Z"));
        Map<String, Object> revoked = entry("access-token", target, "access-token.revoked");
        assertThat(before(revoked)).containsEntry("scope", "read-only");
        assertThat(after(revoked)).isEmpty();
    }

    @Test
    void robotsTheirPermissionsAndTokensAreRecorded() {
        String owner = createUser();
        String organization = createOrganization(owner);
        createRepository(owner, organization + "/app", "private");
        String robots = "/api/namespaces/" + organization + "/robots";
        acting(owner).body(Map.of("name", "ci", "description", "builds")).post(robots).then().statusCode(201);
        acting(owner).body(Map.of("permissions", List.of(Map.of("repository", organization + "/app", "role", "write"))))
                .put(robots + "/ci/permissions").then().statusCode(200);
        String secret = acting(owner).body(Map.of("name", "deploy", "scope", "read-write")).post(robots + "/ci/tokens")
                .then().statusCode(201).extract().path("token");
        SECRETS.add(secret);
        asUser(owner).header(FORWARDED_FOR, CLIENT).delete(robots + "/ci").then().statusCode(204);

        String robot = organization + "+ci";
        assertThat(actions("robot", robot)).containsExactly("robot.deleted", "robot.permissions-changed",
                "robot.created");
        assertThat(after(entry("robot", robot, "robot.created"))).isEqualTo(Map.of("description", "builds"));
        Map<String, Object> permissions = entry("robot", robot, "robot.permissions-changed");
        assertThat(permissions).containsEntry("actor", owner).containsEntry("clientAddress", CLIENT);
        assertThat(before(permissions)).isEqualTo(Map.of("permissions", List.of()));
        assertThat(after(permissions)).isEqualTo(Map.of("permissions", List.of(organization + "/app=write")));
        assertThat(before(entry("robot", robot, "robot.deleted"))).isEqualTo(Map.of("description", "builds"));
        assertThat(entry("access-token", robot + "/deploy", "access-token.created")).containsEntry("actor", owner);
    }

    @Test
    void organizationsAndTheirMembersRolesAreRecorded() {
        String owner = createUser();
        String member = createUser();
        String organization = uniqueName("org");
        acting(owner).body(Map.of("name", organization)).post("/api/organizations").then().statusCode(201);
        String memberPath = "/api/organizations/" + organization + "/members/" + member;
        acting(owner).body(Map.of("role", "read")).put(memberPath).then().statusCode(200);
        acting(owner).body(Map.of("role", "admin")).put(memberPath).then().statusCode(200);
        acting(owner).body(Map.of("role", "admin")).put(memberPath).then().statusCode(200);
        asUser(owner).header(FORWARDED_FOR, CLIENT).delete(memberPath).then().statusCode(204);

        assertThat(actions("organization", organization)).containsExactly("organization.member-removed",
                "organization.member-role-changed", "organization.member-added", "organization.created");
        assertThat(after(entry("organization", organization, "organization.created")))
                .isEqualTo(Map.of("admin", owner));
        Map<String, Object> promoted = entry("organization", organization, "organization.member-role-changed");
        assertThat(promoted).containsEntry("actor", owner).containsEntry("clientAddress", CLIENT);
        assertThat(before(promoted)).isEqualTo(Map.of("member", member, "role", "read"));
        assertThat(after(promoted)).isEqualTo(Map.of("member", member, "role", "admin"));
        assertThat(before(entry("organization", organization, "organization.member-removed")))
                .isEqualTo(Map.of("member", member, "role", "admin"));
    }

    @Test
    void repositorySettingsCollaboratorsAndDeletionAreRecorded() {
        String owner = createUser();
        String collaborator = createUser();
        String repository = owner + "/" + uniqueName("app");
        acting(owner).body(Map.of("name", repository, "visibility", "private")).post("/api/repositories")
                .then().statusCode(201);
        String path = "/api/repositories/" + repository;
        acting(owner).body(Map.of("visibility", "public")).patch(path).then().statusCode(200);
        acting(owner).body(Map.of("shortDescription", "An app", "fullDescription", "# App\n\nBuilt nightly."))
                .patch(path).then().statusCode(200);
        acting(owner).body(Map.of("role", "read")).put(path + "/-/collaborators/" + collaborator).then().statusCode(200);
        acting(owner).body(Map.of("role", "write")).put(path + "/-/collaborators/" + collaborator).then().statusCode(200);
        asUser(owner).header(FORWARDED_FOR, CLIENT).delete(path + "/-/collaborators/" + collaborator)
                .then().statusCode(204);
        asUser(owner).header(FORWARDED_FOR, CLIENT).delete(path).then().statusCode(204);

        assertThat(actions("repository", repository)).containsExactly("repository.deleted",
                "repository.collaborator-removed", "repository.collaborator-role-changed",
                "repository.collaborator-added", "repository.description-changed", "repository.visibility-changed",
                "repository.created");
        assertThat(after(entry("repository", repository, "repository.created"))).isEqualTo(Map.of("visibility", "private"));
        Map<String, Object> published = entry("repository", repository, "repository.visibility-changed");
        assertThat(published).containsEntry("actor", owner).containsEntry("clientAddress", CLIENT);
        assertThat(before(published)).isEqualTo(Map.of("visibility", "private"));
        assertThat(after(published)).isEqualTo(Map.of("visibility", "public"));
        Map<String, Object> described = entry("repository", repository, "repository.description-changed");
        assertThat(before(described)).isEqualTo(Map.of("shortDescription", "", "fullDescriptionLength", 0));
        assertThat(after(described)).isEqualTo(Map.of("shortDescription", "An app", "fullDescriptionLength", 21));
        Map<String, Object> roleChanged = entry("repository", repository, "repository.collaborator-role-changed");
        assertThat(before(roleChanged)).isEqualTo(Map.of("collaborator", collaborator, "role", "read"));
        assertThat(after(roleChanged)).isEqualTo(Map.of("collaborator", collaborator, "role", "write"));
        assertThat(before(entry("repository", repository, "repository.deleted"))).isEqualTo(Map.of("visibility", "public"));
    }

    @Test
    void aRepositoryCreatedByAFirstPushIsRecordedForThePusher() {
        String user = createUser();
        String repository = user + "/" + uniqueName("pushed");
        asUser(user).header(FORWARDED_FOR, CLIENT).queryParam("service", SERVICE)
                .queryParam("scope", "repository:" + repository + ":push,pull").get("/v2/token").then().statusCode(200);

        Map<String, Object> created = entry("repository", repository, "repository.created");
        assertThat(created).containsEntry("actor", user).containsEntry("clientAddress", CLIENT);
        assertThat(after(created)).containsKey("visibility");
    }

    @Test
    void administratorsPageThroughTheLogByActorTargetAndTime() {
        String user = createUser();
        Instant start = Instant.now().minusSeconds(1);
        for (int token = 1; token <= 5; token++) {
            SECRETS.add(asUser(user).contentType(ContentType.JSON).body(Map.of("name", "t" + token, "scope", "read-only"))
                    .post("/api/tokens").then().statusCode(201).extract().<String>path("token"));
        }

        // Keyset pages of two: the newest first, each page older than the one before, and nothing twice.
        List<String> targets = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            Map<String, Object> filters = new LinkedHashMap<>(Map.of("actor", user, "limit", 2));
            if (before != null) {
                filters.put("before", before);
            }
            JsonPath page = admin().queryParams(filters).get("/api/admin/audit-log").then().statusCode(200)
                    .extract().jsonPath();
            targets.addAll(page.getList("entries.target.name"));
            before = page.getString("next");
            pages++;
        } while (before != null && pages < 10);
        assertThat(targets).containsExactly(user + "/t5", user + "/t4", user + "/t3", user + "/t2", user + "/t1");
        assertThat(pages).isEqualTo(3);

        assertThat(entries(Map.of("actor", user, "from", start.toString()))).hasSize(5);
        assertThat(entries(Map.of("actor", user, "until", start.toString()))).isEmpty();
        assertThat(entries(Map.of("actor", user, "from", "2000-01-01", "until", "2000-01-02"))).isEmpty();
        assertThat(entries(Map.of("targetKind", "access-token", "target", user + "/t3")))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("action", "access-token.created"));
        assertThat(entries(Map.of("targetKind", "repository", "target", user + "/t3"))).isEmpty();

        admin().queryParam("from", "yesterday").get("/api/admin/audit-log").then().statusCode(400)
                .body("error", equalTo("bad_request")).body("message", containsString("from must be a time such as"));
        admin().queryParam("from", "2026-12-02").queryParam("until", "2026-12-01").get("/api/admin/audit-log")
                .then().statusCode(400).body("message", equalTo("until must be later than from"));
        admin().queryParam("before", "page-2").get("/api/admin/audit-log").then().statusCode(400)
                .body("message", containsString("before must be the 'next' value of a previous page"));
        admin().queryParam("limit", 0).get("/api/admin/audit-log").then().statusCode(400)
                .body("message", equalTo("limit must be between 1 and 500"));
    }

    @Test
    void theExportIsJsonLinesWithTheSameFiltersForAdministratorsOnly() {
        String user = createUser();
        for (String name : List.of("first", "second")) {
            SECRETS.add(asUser(user).contentType(ContentType.JSON).body(Map.of("name", name, "scope", "read-only"))
                    .post("/api/tokens").then().statusCode(201).extract().<String>path("token"));
        }
        Response export = admin().queryParam("actor", user).get("/api/admin/audit-log/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.header("Content-Disposition")).contains("wharf-audit-log.jsonl");
        List<Map<String, Object>> lines = jsonLines(export.asString());
        assertThat(lines).extracting(line -> String.valueOf(((Map<?, ?>) line.get("target")).get("name")))
                .containsExactly(user + "/second", user + "/first");
        assertThat(lines.get(0)).containsKeys("id", "time", "actor", "clientAddress", "action", "before", "after");

        anonymous().get("/api/admin/audit-log/export").then().statusCode(401);
        asUser(user).get("/api/admin/audit-log/export").then().statusCode(403)
                .body("message", equalTo("only administrators may read the audit log; ask one to look up what you need"));
        asUser(user).get("/api/admin/audit-log").then().statusCode(403)
                .body("message", containsString("only administrators may read the audit log"));
    }

    @Test
    void theAdministrationPageFiltersPagesAndExports() throws Exception {
        String user = createUser();
        String organization = createOrganization(user);
        MockHttpSession admin = signInAsAdmin();

        Document all = page(mvc.perform(get("/admin").session(admin)).andReturn());
        assertThat(all.getElementById("admin-home-audit-log").attr("href")).isEqualTo("/admin/audit-log");
        Document byActor = page(mvc.perform(get("/admin/audit-log").session(admin).param("actor", user))
                .andExpect(status().isOk()).andReturn());
        assertThat(byActor.getElementById("audit-log-actor").val()).isEqualTo(user);
        List<Element> rows = byActor.select("#audit-log-entries tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).text()).contains(user, "organization.created", organization, "admin: " + user);
        assertThat(byActor.getElementById("audit-log-export").attr("href")).contains("actor=" + user);

        Document byTarget = page(mvc.perform(get("/admin/audit-log").session(admin)
                .param("targetKind", "account").param("target", user)).andReturn());
        assertThat(byTarget.select("#audit-log-entries tbody tr")).singleElement()
                .satisfies(row -> assertThat(row.text()).contains("account.created", ADMIN));
        Document badTime = page(mvc.perform(get("/admin/audit-log").session(admin).param("from", "soon"))
                .andExpect(status().isOk()).andReturn());
        assertThat(badTime.getElementById("audit-log-error").text()).contains("from must be a time such as");
        Document empty = page(mvc.perform(get("/admin/audit-log").session(admin).param("actor", user)
                .param("until", "2000-01-01T00:00")).andReturn());
        assertThat(empty.getElementById("audit-log-empty")).isNotNull();

        // Older entries: the link carries the filters and the keyset. Each edit changes the visibility and the
        // description, two entries; a token signs in without bcrypt.
        String editor = createUser();
        String repository = editor + "/" + uniqueName("busy");
        createRepository(editor, repository, "public");
        String token = createAccessToken(editor, "read-write");
        SECRETS.add(token);
        int edits = AuditLog.DEFAULT_PAGE_SIZE / 2 + 1;
        for (int edit = 1; edit <= edits; edit++) {
            as(editor, token).contentType(ContentType.JSON)
                    .body(Map.of("shortDescription", "edit " + edit, "visibility", edit % 2 == 1 ? "private" : "public"))
                    .patch("/api/repositories/" + repository).then().statusCode(200);
        }
        Document newest = page(mvc.perform(get("/admin/audit-log").session(admin)
                .param("targetKind", "repository").param("target", repository)).andReturn());
        assertThat(newest.select("#audit-log-entries tbody tr")).hasSize(AuditLog.DEFAULT_PAGE_SIZE)
                .first().satisfies(row -> assertThat(row.text())
                        .contains("shortDescription: edit " + (edits - 1) + " → edit " + edits));
        String older = newest.getElementById("audit-log-older").attr("href");
        assertThat(older).contains("target=" + repository);
        Document second = page(mvc.perform(get(URI.create(older)).session(admin)).andReturn());
        assertThat(second.select("#audit-log-entries tbody tr")).extracting(Element::text)
                .satisfiesExactly(row -> assertThat(row).contains("repository.description-changed", "edit 1"),
                        row -> assertThat(row).contains("repository.visibility-changed", "public → private"),
                        row -> assertThat(row).contains("repository.created"));
        assertThat(second.getElementById("audit-log-older")).isNull();

        String exported = mvc.perform(get("/admin/audit-log/export").session(admin).param("actor", user))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", containsString("application/x-ndjson")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(jsonLines(exported)).singleElement()
                .satisfies(line -> assertThat(line).containsEntry("action", "organization.created"));

        mvc.perform(get("/admin/audit-log/export").session(signIn(user))).andExpect(status().isForbidden());
        // Over HTTP, where the servlet container renders the refusal's page.
        Response loginForm = anonymous().get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginForm.asString());
        assertThat(csrf.find()).isTrue();
        Response signedIn = anonymous().redirects().follow(false).cookies(loginForm.getCookies())
                .formParam("username", user).formParam("password", passwordOf(user)).formParam("_csrf", csrf.group(1))
                .post("/login");
        anonymous().cookies(signedIn.getCookies()).accept(ContentType.HTML).get("/admin/audit-log").then().statusCode(403)
                .body(containsString("Only administrators may open the administration pages"));
    }

    /** Last: every entry the other tests left, read as the export writes them. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noEntryHoldsASecret() {
        String log = admin().get("/api/admin/audit-log/export").then().statusCode(200).extract().asString();
        assertThat(jsonLines(log)).hasSizeGreaterThan(40);
        SECRETS.add(ADMIN_PASSWORD);
        assertThat(SECRETS).hasSizeGreaterThan(10);
        for (String secret : SECRETS) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret);
        }
        assertThat(log).doesNotContainIgnoringCase("password\":").doesNotContainIgnoringCase("hash")
                .doesNotContain("wharf_pat_").doesNotContainIgnoringCase("secret\":");
    }

    /**
     * As the administrator, from {@link #CLIENT}, with an access token: checked by its SHA-256, it spares the many
     * reads of the log a bcrypt check each.
     */
    private RequestSpecification admin() {
        if (adminToken == null) {
            adminToken = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "audit", "scope", "read-write"))
                    .post("/api/tokens").then().statusCode(201).extract().path("token");
            SECRETS.add(adminToken);
        }
        return as(ADMIN, adminToken).header(FORWARDED_FOR, CLIENT);
    }

    /** A JSON request by the user, from {@link #CLIENT}. */
    private RequestSpecification acting(String user) {
        return asUser(user).header(FORWARDED_FOR, CLIENT).contentType(ContentType.JSON);
    }

    private List<Map<String, Object>> entries(Map<String, ?> filters) {
        return admin().queryParams(filters).queryParam("limit", 500).get("/api/admin/audit-log")
                .then().statusCode(200).extract().jsonPath().getList("entries");
    }

    /** The actions recorded on the target, newest first. */
    private List<String> actions(String kind, String target) {
        return entries(Map.of("targetKind", kind, "target", target)).stream()
                .map(entry -> (String) entry.get("action")).toList();
    }

    /** The newest entry of this action on the target. */
    private Map<String, Object> entry(String kind, String target, String action) {
        return entries(Map.of("targetKind", kind, "target", target)).stream()
                .filter(entry -> action.equals(entry.get("action")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " of " + kind + " " + target + " in "
                        + actions(kind, target)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> before(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("before");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> after(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("after");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jsonLines(String text) {
        JsonMapper json = JsonMapper.builder().build();
        return text.lines().filter(line -> !line.isBlank())
                .map(line -> (Map<String, Object>) json.readValue(line, Map.class)).toList();
    }

    private static HttpServer emptyRegistry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
