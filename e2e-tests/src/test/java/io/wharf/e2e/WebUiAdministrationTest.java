package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * What administrators and new users see in a real Chromium: the administration's start page, accounts created,
 * given new passwords and deleted from the UI, the list of all repositories, the lifecycle rules with a namespace's quota, the
 * status page's times; a form sent after the session ended; the dashboard of an organization's member; the search
 * page's one search box and the header's buttons on one line. Screenshots land beside the journey's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiAdministrationTest {

    private static final String ORGANIZATION = "edgeorg";
    private static final String MEMBER = "edgemember";
    private static final String MEMBER_PASSWORD = "Tr1cky-Harbour-42";
    private static final String CREATED = "edgecreated";
    private static final String CREATED_PASSWORD = "Sturdy-Mooring-Line-77";
    private static final String RESET_PASSWORD = "Calm-Tide-Anchor-93";

    private static WharfServers servers;
    private static IndexApi index;
    private static Browser browser;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser(MEMBER, MEMBER_PASSWORD);
        index.createOrganization(ORGANIZATION);
        index.setMember(ORGANIZATION, MEMBER, "admin");
        index.createRepositoryAsAdmin(ORGANIZATION + "/edge-shared", "private");
        index.createRepositoryAsAdmin(ORGANIZATION + "/edge-tools", "public");
        browser = Browser.open(servers.indexUrl());
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theHeaderButtonsSitOnOneLineAndTheSearchPageHasOneSearchBox() {
        browser.go("/");
        Rectangle login = browser.find("#nav-login").getRect();
        Rectangle signup = browser.find("#nav-signup").getRect();
        double loginMiddle = login.getY() + login.getHeight() / 2.0;
        double signupMiddle = signup.getY() + signup.getHeight() / 2.0;
        assertThat(Math.abs(loginMiddle - signupMiddle)).as("vertical middles of Log in and Sign up").isLessThanOrEqualTo(2);

        browser.go("/search?q=edge");
        assertThat(browser.driver().findElements(By.cssSelector("input[type=search]"))).hasSize(1);
        assertThat(browser.find("#site-search-q").getAttribute("value")).isEqualTo("edge");
        assertThat(browser.text("#results")).contains(ORGANIZATION + "/edge-tools");
        browser.screenshot("50-search");
    }

    @Test
    @Order(2)
    void aFormSentAfterTheSessionEndedKeepsWhatWasTypedAndTheLoginComesBack() {
        logIn(MEMBER, MEMBER_PASSWORD);
        browser.go("/orgs/new");
        browser.type("#name", "edgeafterexpiry");
        // The session ends while the form is open: the server forgets it, the browser drops the cookie.
        browser.driver().manage().deleteAllCookies();
        browser.submit("#create-organization");

        assertThat(browser.text("h1")).isEqualTo("Your session has expired");
        assertThat(browser.text("#session-expired-entered")).contains("edgeafterexpiry");
        assertThat(browser.driver().getPageSource()).doesNotContain(";WHARF_SESSION=");
        assertStyled();
        browser.screenshot("51-session-expired");

        browser.submit("#session-expired-login");
        browser.type("#username", MEMBER);
        browser.type("#password", MEMBER_PASSWORD);
        browser.submit("#login-submit");
        assertThat(browser.path()).isEqualTo("/orgs/new");
        assertThat(browser.has("#name")).isTrue();
    }

    @Test
    @Order(3)
    void aPageWithoutACookieHasNoSessionInItsLinksAndKeepsItsStyle() {
        browser.driver().manage().deleteAllCookies();
        // The login page starts a session (for its CSRF token) for a browser that sent no cookie.
        browser.go("/login");
        browser.until(driver -> browser.has("#username"));
        assertThat(browser.driver().getPageSource()).doesNotContain(";WHARF_SESSION=");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(";WHARF_SESSION=");
        assertStyled();
    }

    @Test
    @Order(4)
    void anOrganizationsMemberSeesItsRepositoriesOnTheDashboard() {
        logIn(MEMBER, MEMBER_PASSWORD);
        browser.go("/");
        assertThat(browser.text("main")).contains(ORGANIZATION + "/edge-shared").doesNotContain("None yet");
        browser.screenshot("52-dashboard-of-a-member");
        signOut();
    }

    @Test
    @Order(5)
    void administratorsStartAtTheAdministrationPageAndCreateAndResetAccounts() {
        logIn(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
        browser.submit("#nav-admin");
        assertThat(browser.path()).isEqualTo("/admin");
        assertThat(browser.text("h1")).isEqualTo("Administration");
        assertThat(browser.text("#admin-pages")).contains("Users", "Repositories", "System status",
                "Garbage collection", "Audit log", "Lifecycle rules");
        browser.screenshot("53-administration");

        browser.submit("#admin-home-users");
        browser.click("#create-user summary");
        browser.type("#new-username", CREATED);
        browser.type("#new-email", CREATED + "@example.com");
        browser.type("#new-password", CREATED_PASSWORD);
        browser.submit("#create-user-submit");
        assertThat(browser.text(".flash.notice")).isEqualTo("Created the account " + CREATED + ".");
        assertThat(browser.text("#user-" + CREATED)).contains(CREATED + "@example.com", "email confirmed");
        // Dates stay on one line.
        WebElement created = browser.find("#user-" + CREATED + " time");
        assertThat((double) created.getRect().getHeight()).isLessThan(1.5 * lineHeight(created));

        browser.type("#new-password-" + CREATED, RESET_PASSWORD);
        browser.submit("#reset-password-" + CREATED);
        assertThat(browser.text(".flash.notice")).isEqualTo(CREATED + " has a new password.");
        browser.screenshot("54-users");
        signOut();

        logIn(CREATED, RESET_PASSWORD);
        assertThat(browser.text("#nav-username")).isEqualTo(CREATED);
        signOut();

        // Deleting asks for the username again, then the account is gone from the table.
        logIn(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
        browser.go("/admin/users");
        browser.click("#delete-" + CREATED + " summary");
        browser.type("#delete-confirmation-" + CREATED, CREATED);
        browser.submit("#delete-user-" + CREATED);
        assertThat(browser.text(".flash.notice")).isEqualTo("Deleted the account " + CREATED + ".");
        assertThat(browser.driver().findElements(By.id("user-" + CREATED))).isEmpty();
        assertThat(browser.text("#user-list")).doesNotContain(CREATED + "@example.com");
        signOut();
    }

    @Test
    @Order(6)
    void administratorsListAllRepositoriesTheLifecycleRulesAndReadableTimes() {
        logIn(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
        browser.go("/admin/repositories");
        browser.type("#filter", "edge-");
        browser.submit("#repository-filter button");
        assertThat(browser.text("#repository-count")).isEqualTo("2 repositories.");
        List<String> rows = browser.driver().findElements(By.cssSelector("#repository-list tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith(ORGANIZATION + "/edge-shared").contains("private");
        assertThat(rows.get(1)).startsWith(ORGANIZATION + "/edge-tools").contains("public");
        browser.screenshot("55-all-repositories");

        browser.submit("#admin-nav-lifecycle");
        assertThat(browser.text("h1")).isEqualTo("Lifecycle rules");
        assertThat(browser.text("#quota-" + WharfServers.QUOTA_NAMESPACE))
                .contains(WharfServers.QUOTA_NAMESPACE, "50.0 MB");
        assertThat(browser.text("#no-retention")).contains("No retention rules");
        // The shared servers make every tag of */pinned immutable.
        assertThat(browser.text("#immutable-tag-rules")).contains("*/" + WharfServers.IMMUTABLE_REPOSITORY);
        browser.screenshot("56-lifecycle");

        browser.go("/admin/status");
        WebElement checked = browser.find("#status-checked-at");
        assertThat(checked.getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
        assertThat(checked.getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(browser.text("main")).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:");
        browser.screenshot("57-status");
    }

    @Test
    @Order(7)
    void theAboutBoxKeepsItsDatesInsideItsBorder() {
        browser.go("/r/" + ORGANIZATION + "/edge-tools");
        Rectangle box = browser.find(".repo-facts").getRect();
        for (WebElement value : browser.driver().findElements(By.cssSelector(".repo-facts dd"))) {
            Rectangle rectangle = value.getRect();
            assertThat(rectangle.getX() + rectangle.getWidth()).as("right edge of " + value.getText())
                    .isLessThanOrEqualTo(box.getX() + box.getWidth() - 8);
        }
    }

    /** Logs in afresh: whoever was signed in before is forgotten with the cookies. */
    private static void logIn(String username, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.go("/login");
        browser.type("#username", username);
        browser.type("#password", password);
        browser.submit("#login-submit");
        browser.until(driver -> browser.has("#nav-username"));
    }

    private static void signOut() {
        browser.submit("#sign-out");
    }

    /** The stylesheet applied: the header is dark, as only wharf.css makes it. */
    private static void assertStyled() {
        assertThat(browser.script(
                "return getComputedStyle(document.querySelector('.site-header')).backgroundColor"))
                .isEqualTo("rgb(13, 27, 42)");
    }

    /** wharf.css sets the body's line height to 1.5. */
    private static double lineHeight(WebElement element) {
        return Double.parseDouble(element.getCssValue("font-size").replace("px", "")) * 1.5;
    }
}
