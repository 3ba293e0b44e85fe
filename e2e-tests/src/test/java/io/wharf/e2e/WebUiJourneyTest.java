package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 5's browser journey against the packaged apps: sign up, confirm the address from the mail, log in,
 * create an organization, push an image with skopeo, see its tags, describe it in Markdown (a script in it must
 * not run), find it, make it private and delete it (in the registry too). Every page is saved as a screenshot
 * ({@code screenshots/NN-name.png} in the build folder) for review.
 */
class WebUiJourneyTest {

    private static final String USER = "journeyuser";
    private static final String PASSWORD = IndexApi.STRONG_PASSWORD;
    private static final String EMAIL = USER + "@example.com";
    private static final String ORGANIZATION = "journeyorg";
    private static final String REPOSITORY = ORGANIZATION + "/web/shop";
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(30);
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("^(http://\\S+)$", Pattern.MULTILINE);
    /** What a script in the description would do, if it ran. */
    private static final String HOSTILE_MARKDOWN = """
            # Shop

            The **shop** front end. See [the docs](https://example.com/docs).

            <script>window.pwned = true; document.title = 'pwned';</script>

            <img src="x" onerror="window.pwned = true; document.title = 'pwned'">

            [click me](javascript:window.pwned=true) to see nothing happen.

            | port | use |
            |------|-----|
            | 8080 | HTTP |
            """;

    private static WharfServers servers;
    private static GreenMail mail;
    private static Browser browser;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        mail = new GreenMail(new ServerSetup(servers.mailPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        browser = Browser.open(servers.indexUrl());
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void signUpPushDescribeFindHideAndDelete(@TempDir Path layouts) throws Exception {
        signUpAndConfirm();
        logIn();
        createOrganization();
        pushImages(layouts);
        seeTheTags();
        describeWithMarkdown();
        search();
        makePrivate();
        delete();
    }

    private void signUpAndConfirm() throws Exception {
        browser.go("/signup");
        browser.type("#username", USER);
        browser.type("#email", "not-an-address");
        browser.type("#password", "password1234");
        browser.submit("#signup-submit");
        // Every error at once, each below its field, in plain words; the username stays as typed.
        assertThat(browser.text("#email-error")).isEqualTo("Enter an email address such as name@example.com.");
        assertThat(browser.text("#password-error")).startsWith("This password is too easy to guess.")
                .contains("Use three or four unrelated words");
        assertThat(browser.has("#username-error")).isFalse();
        assertThat(browser.find("#username").getAttribute("value")).isEqualTo(USER);
        assertThat(browser.find("#password").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("01-signup-errors");

        browser.type("#email", EMAIL);
        browser.type("#password", PASSWORD);
        browser.screenshot("01-signup");
        browser.submit("#signup-submit");
        assertThat(browser.text("#signup-result")).contains("We sent a confirmation link to " + EMAIL);
        browser.screenshot("02-signup-mail-sent");

        String link = confirmationLink();
        browser.go(link);
        assertThat(browser.text("#confirmation-result")).isEqualTo("Email address confirmed");
        browser.screenshot("03-email-confirmed");
        browser.go(link);
        assertThat(browser.text("#confirmation-result")).isEqualTo("Your email address is confirmed already");
    }

    private void logIn() {
        browser.go("/login");
        browser.type("#username", USER);
        browser.type("#password", PASSWORD);
        browser.screenshot("04-login");
        browser.submit("#login-submit");
        browser.until(driver -> browser.has("#nav-username"));
        assertThat(browser.text("#nav-username")).isEqualTo(USER);
        browser.screenshot("05-dashboard");
    }

    private void createOrganization() {
        browser.go("/orgs");
        browser.submit("#new-organization");
        browser.type("#name", ORGANIZATION);
        browser.screenshot("06-new-organization");
        browser.submit("#create-organization");
        assertThat(browser.path()).isEqualTo("/orgs/" + ORGANIZATION);
        assertThat(browser.text(".flash.notice")).isEqualTo("Created the organization " + ORGANIZATION + ".");
        assertThat(browser.text("#members")).contains(USER).contains("admin");
        browser.screenshot("07-organization");
    }

    /** A single image as {@code 1.0} and a two-platform index as {@code latest}, pushed with the user's password. */
    private void pushImages(Path layouts) {
        Skopeo skopeo = Skopeo.withCredentials(USER, PASSWORD);
        Path image = layouts.resolve("image");
        OciLayouts.writeImage(image, "1.0", 2);
        skopeo.copy("oci:" + image + ":1.0", "docker://" + servers.registryHost() + "/" + REPOSITORY + ":1.0");
        Path index = layouts.resolve("index");
        OciLayouts.writeIndex(index, "latest", 1,
                List.of(OciLayouts.Platform.LINUX_AMD64, OciLayouts.Platform.LINUX_ARM64));
        skopeo.copyAll("oci:" + index + ":latest", "docker://" + servers.registryHost() + "/" + REPOSITORY + ":latest");
    }

    private void seeTheTags() {
        // The registry tells the index about pushes asynchronously: reload until both tags are listed.
        Instant deadline = Instant.now().plus(EVENT_DEADLINE);
        browser.go("/r/" + REPOSITORY);
        while (!(browser.has("#tags") && browser.text("#tags").contains("1.0") && browser.text("#tags").contains("latest"))) {
            assertThat(Instant.now()).as("the pushed tags appear on the repository page").isBefore(deadline);
            sleep(Duration.ofMillis(500));
            browser.driver().navigate().refresh();
        }
        // The image's platform comes from its config (read by the registry at push), the index's from its entries.
        assertThat(browser.text("#tags tbody tr[data-tag='1.0']"))
                .contains("linux/amd64").doesNotContain("(index)").doesNotContain("single image");
        assertThat(browser.text("#tags tbody tr[data-tag='latest']"))
                .contains("(index)").contains("linux/amd64, linux/arm64");
        assertThat(browser.text("#pull-command")).isEqualTo("docker pull " + servers.registryHost() + "/" + REPOSITORY);
        assertThat(browser.text("#visibility")).isEqualTo("private");
        browser.screenshot("08-repository");
    }

    private void describeWithMarkdown() {
        browser.submit("#settings-link");
        assertThat(browser.path()).isEqualTo("/r/" + REPOSITORY + "/-/settings");
        browser.screenshot("09-settings");
        browser.type("#shortDescription", "The shop front end");
        browser.type("#fullDescription", HOSTILE_MARKDOWN);
        browser.submit("#preview");
        assertThat(browser.find("#description-preview h1").getText()).isEqualTo("Shop");
        assertScriptsDidNotRun();
        browser.screenshot("10-description-preview");

        browser.submit("#save-descriptions");
        assertThat(browser.text(".flash.notice")).isEqualTo("Saved the descriptions.");
        browser.go("/r/" + REPOSITORY);
        assertThat(browser.find("#full-description h1").getText()).isEqualTo("Shop");
        assertThat(browser.find("#full-description a").getAttribute("href")).isEqualTo("https://example.com/docs");
        assertThat(browser.find("#full-description a").getAttribute("rel")).isEqualTo("nofollow noopener");
        assertThat(browser.driver().findElements(By.cssSelector("#full-description script, #full-description img"))).isEmpty();
        assertThat(browser.text("#full-description table")).contains("8080");
        assertThat(browser.text("#full-description")).contains("click me to see nothing happen.")
                .doesNotContain("javascript:");
        assertThat(browser.text("#short-description")).isEqualTo("The shop front end");
        assertScriptsDidNotRun();
        browser.screenshot("11-repository-described");
        browser.screenshot("12-repository-on-a-phone", 390);
    }

    private void assertScriptsDidNotRun() {
        assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(browser.driver().getTitle()).isNotEqualTo("pwned");
    }

    private void search() {
        browser.type("#site-search-q", "shop");
        browser.submit(".site-search button");
        assertThat(browser.text("#result-count")).isEqualTo("1 repository matches “shop”.");
        assertThat(browser.text("#results")).contains(REPOSITORY).contains("The shop front end");
        browser.screenshot("13-search");
        browser.go("/explore");
        assertThat(browser.text("main")).contains(REPOSITORY);
        browser.screenshot("14-explore");
    }

    private void makePrivate() {
        // Pushed repositories start private (the default visibility): make it public, and private again.
        browser.go("/r/" + REPOSITORY + "/-/settings");
        browser.click("#visibility-public");
        browser.submit("#save-visibility");
        assertThat(browser.text(".flash.notice")).isEqualTo("Saved the visibility.");
        given().baseUri(servers.indexUrl()).get("/r/" + REPOSITORY).then().statusCode(200);
        browser.click("#visibility-private");
        browser.submit("#save-visibility");
        assertThat(browser.text(".flash.notice")).isEqualTo("Saved the visibility.");
        assertThat(browser.find("#visibility-private").isSelected()).isTrue();
        browser.screenshot("15-visibility-private");
        // Anonymous visitors do not learn that it exists.
        given().baseUri(servers.indexUrl()).get("/r/" + REPOSITORY).then().statusCode(404);
    }

    private void delete() {
        browser.type("#confirmation", REPOSITORY);
        browser.screenshot("16-delete-confirmation");
        browser.submit("#delete");
        assertThat(browser.path()).as("the page after deleting: %s", browser.text("main")).isEqualTo("/u/" + ORGANIZATION);
        assertThat(browser.text(".flash.notice")).isEqualTo("Deleted " + REPOSITORY + " and its images.");
        assertThat(browser.has("a[href='/r/" + REPOSITORY + "']")).isFalse();
        browser.screenshot("17-deleted");

        browser.go("/r/" + REPOSITORY);
        assertThat(browser.text("h1")).isEqualTo("Not found");
        browser.screenshot("18-repository-gone");
        String token = given().baseUri(servers.indexUrl()).auth().preemptive().basic(USER, PASSWORD)
                .queryParam("service", "wharf-registry")
                .queryParam("scope", "repository:" + REPOSITORY + ":pull")
                .get("/v2/token").then().statusCode(200).extract().path("token");
        given().baseUri("http://" + servers.registryHost()).header("Authorization", "Bearer " + token)
                .get("/v2/" + REPOSITORY + "/tags/list")
                .then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    }

    /** The link in the confirmation mail, waiting for the mail a bounded time. */
    private static String confirmationLink() throws Exception {
        Instant deadline = Instant.now().plus(MAIL_DEADLINE);
        while (mail.getReceivedMessagesForDomain(EMAIL).length == 0) {
            assertThat(Instant.now()).as("a confirmation mail arrives for " + EMAIL).isBefore(deadline);
            sleep(Duration.ofMillis(100));
        }
        MimeMessage message = mail.getReceivedMessagesForDomain(EMAIL)[0];
        assertThat(message.getSubject()).isEqualTo("Confirm your email address for Wharf");
        Matcher link = LINK.matcher(message.getContent().toString().replace("\r\n", "\n"));
        assertThat(link.find()).as("a link in: " + message.getContent()).isTrue();
        assertThat(link.group(1)).startsWith(servers.indexUrl() + "/signup/confirm?token=");
        return link.group(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
