package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.TestBlob;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The tags a team manages on the repository page, in Chromium against the packaged apps: a page of tags filtered,
 * sorted and paged; full digests and pull commands with copy buttons; a tag's page with its layers and config; a
 * multi-platform index linking to each platform's manifest; a cosign signature pushed as an OCI 1.1 referrer (the
 * artifact manifest layout of the image spec, through the registry's HTTP API) listed on its subject's page and
 * marking its tag "signed" on a page seen before it was pushed; deleting one of two tags on a manifest; an empty repository telling how to push.
 *
 * <p>With {@code -Dwharf.e2e.docs-screenshots=DIR} (such as the checkout's {@code docs/screenshots}) it also writes
 * the README's screenshots there.
 */
class TagsAndArtifactsPagesTest {

    private static final String USER = "tagkeeper";
    private static final String PASSWORD = "Tr1cky-Harbour-42";
    private static final String REPOSITORY = USER + "/shipyard";
    private static final String EMPTY_REPOSITORY = USER + "/drydock";
    private static final String COSIGN_SIGNATURE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    private static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    private static final int BUILD_TAGS = 26;
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(60);
    /** The registry's push event reaches the index within its delivery interval (a second). */
    private static final Duration SIGNATURE_SHOWN_WITHIN = Duration.ofSeconds(20);
    /** An image config as a Dockerfile build writes it; one label is a link, one a script that must stay text. */
    private static final String IMAGE_CONFIG = """
            {"architecture": "amd64", "os": "linux", "created": "2030-01-01T12:00:00Z",
             "config": {"User": "app", "WorkingDir": "/srv/shipyard", "ExposedPorts": {"8080/tcp": {}},
                        "Env": ["PATH=/usr/local/bin:/usr/bin:/bin", "SHIPYARD_MODE=production"],
                        "Entrypoint": ["/usr/local/bin/shipyard"], "Cmd": ["serve", "--port", "8080"],
                        "Labels": {"org.opencontainers.image.source": "https://example.com/acme/shipyard",
                                   "org.opencontainers.image.documentation": "javascript:alert(1)"}},
             "rootfs": {"type": "layers", "diff_ids": ["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},
             "history": [{"created": "2030-01-01T11:59:00Z", "created_by": "ADD shipyard /usr/local/bin/"},
                         {"created": "2030-01-01T12:00:00Z", "created_by": "EXPOSE 8080", "empty_layer": true}]}
            """;

    private static WharfServers servers;
    private static IndexApi index;
    private static Browser browser;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser(USER, PASSWORD);
        browser = Browser.open(servers.indexUrl());
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aTeamFindsInspectsVerifiesAndDeletesItsTags(@TempDir Path layouts) {
        ManifestDocument image = push(layouts);
        logIn();

        Pushed pushed = signTheImageWhileItsPageIsShown(image);
        pageFilterAndSortTheTags(pushed);
        copyADigestAndAPullCommand(pushed);
        inspectASignedTagAndItsSignature(pushed);
        followTheIndexToEachPlatform();
        deleteOneOfTwoTagsOnAManifest(pushed);
        anEmptyRepositoryTellsHowToPush();
        copyANewAccessToken();
    }

    /** What was pushed: the image's manifest (tagged 1.0 and stable) and its signature. */
    private record Pushed(String imageDigest, String signatureDigest) {
    }

    /**
     * With skopeo: a two-platform index as {@code multi}. Through the registry's HTTP API, as a build tool pushes:
     * an image whose config sets how it runs, with labels and build history, as {@code 1.0}, {@code stable} and
     * {@code build-01..26} (enough tags for two pages).
     */
    private ManifestDocument push(Path layouts) {
        Path multi = layouts.resolve("index");
        OciLayouts.writeIndex(multi, "multi", 1, List.of(OciLayouts.Platform.LINUX_AMD64, OciLayouts.Platform.LINUX_ARM64));
        Skopeo.withCredentials(USER, PASSWORD).copyAll("oci:" + multi + ":multi",
                "docker://" + servers.registryHost() + "/" + REPOSITORY + ":multi");

        String token = registryToken();
        TestBlob config = TestBlob.of(IMAGE_CONFIG);
        TestBlob layer = TestBlob.random(4096);
        uploadBlob(token, config);
        uploadBlob(token, layer);
        ManifestDocument image = ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                layer.descriptor(TestBlob.OCI_LAYER)).build();
        putManifest(token, "1.0", image);
        putManifest(token, "stable", image);
        for (int i = 1; i <= BUILD_TAGS; i++) {
            putManifest(token, String.format("build-%02d", i), image);
        }
        awaitTags(tags -> tags.size() == BUILD_TAGS + 3);
        return image;
    }

    /**
     * The tags page, seen before the image is signed, does not call it signed. A cosign signature whose
     * {@code subject} is the image is pushed by digest, as cosign does with OCI 1.1 referrers; the page calls the
     * image signed within seconds, though the index keeps what the registry answered about each manifest: the
     * registry's push event names the signature's subject, and the index forgets that answer.
     */
    private Pushed signTheImageWhileItsPageIsShown(ManifestDocument image) {
        browser.go("/r/" + REPOSITORY);
        assertThat(row("build-26").getText()).doesNotContain("signed");

        String token = registryToken();
        TestBlob signature = TestBlob.of("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + image.digest() + "\"}}}");
        uploadBlob(token, TestBlob.EMPTY_JSON);
        uploadBlob(token, signature);
        ManifestDocument artifact = ManifestBuilder.ociArtifact(COSIGN_SIGNATURE, signature.descriptor(SIMPLE_SIGNING))
                .subject(image.descriptor())
                .build();
        putManifest(token, artifact.digest(), artifact);

        Instant deadline = Instant.now().plus(SIGNATURE_SHOWN_WITHIN);
        browser.go("/r/" + REPOSITORY);
        while (!row("build-26").getText().contains("signed")) {
            assertThat(Instant.now()).as("the page shows the new signature").isBefore(deadline);
            sleep(Duration.ofMillis(300));
            browser.go("/r/" + REPOSITORY);
        }
        return new Pushed(image.digest(), artifact.digest());
    }

    private void logIn() {
        browser.go("/login");
        browser.type("#username", USER);
        browser.type("#password", PASSWORD);
        browser.submit("#login-submit");
        browser.until(driver -> browser.has("#nav-username"));
    }

    private void pageFilterAndSortTheTags(Pushed pushed) {
        browser.go("/r/" + REPOSITORY);
        assertThat(browser.text("#tag-count")).isEqualTo("(29)");
        assertThat(rows()).hasSize(25);
        assertThat(browser.text("#tag-page")).isEqualTo("Showing 25 of 29");
        // Newest first: the last of the build tags leads; all of them name the signed image.
        WebElement first = row("build-26");
        assertThat(first.findElement(By.cssSelector(".digest")).getText()).isEqualTo(pushed.imageDigest());
        assertThat(first.getText()).contains("linux/amd64").contains("signed");
        assertThat(first.findElement(By.tagName("time")).getAttribute("title")).endsWith(" UTC");
        assertThat(first.findElement(By.tagName("time")).getText()).matches("just now|\\d+ minutes? ago");
        screenshotForDocs(browser.screenshot("tags-01-repository"), "repository.png");

        browser.submit("#next-tags");
        assertThat(browser.text("#tag-page")).isEqualTo("Showing 4 of 29");
        assertThat(rows()).hasSize(4);
        browser.submit("#previous-tags");
        assertThat(browser.text("#tag-page")).isEqualTo("Showing 25 of 29");
        assertThat(tagNames()).first().isEqualTo("build-26");

        browser.type("#tag-filter", "multi");
        browser.submit("#tag-list-submit");
        assertThat(tagNames()).containsExactly("multi");
        assertThat(rows()).singleElement().asString().contains("(index)")
                .contains("linux/amd64, linux/arm64").doesNotContain("signed");
        assertThat(browser.text("#tag-count")).isEqualTo("(1)");

        browser.type("#tag-filter", "");
        new Select(browser.find("#tag-sort")).selectByValue("name");
        browser.submit("#tag-list-submit");
        assertThat(rows()).hasSize(25);
        assertThat(tagNames()).hasSize(25).startsWith("1.0", "build-01", "build-02");
        browser.screenshot("tags-02-sorted-by-name");
    }

    private void copyADigestAndAPullCommand(Pushed pushed) {
        browser.go("/r/" + REPOSITORY + "?q=1.0");
        WebElement row = row("1.0");
        WebElement copyDigest = row.findElement(By.cssSelector("button.copy[data-copy='" + pushed.imageDigest() + "']"));
        assertThat(copyDigest.isDisplayed()).isTrue();
        assertThat(copyDigest.getText()).isEqualTo("Copy digest");
        WebElement copyPull = row.findElement(By.cssSelector("button.copy-pull-tag"));
        String pull = "docker pull " + servers.registryHost() + "/" + REPOSITORY + ":1.0";
        assertThat(row.findElement(By.cssSelector(".pull-tag")).getText()).isEqualTo(pull);
        assertThat(copyPull.getAttribute("data-copy")).isEqualTo(pull);
        assertThat(row.findElement(By.cssSelector("button.copy-pull-digest")).getAttribute("data-copy"))
                .isEqualTo("docker pull " + servers.registryHost() + "/" + REPOSITORY + "@" + pushed.imageDigest());
        copyPull.click();
        browser.until(driver -> copyPull.getText().equals("Copied"));
    }

    private void inspectASignedTagAndItsSignature(Pushed pushed) {
        browser.submit("[data-tag='1.0'] a.tag-link");
        assertThat(browser.path()).isEqualTo("/r/" + REPOSITORY + "/-/tags/1.0");
        assertThat(browser.text("#manifest-digest")).isEqualTo(pushed.imageDigest());
        assertThat(browser.text("#media-type")).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(browser.text("#manifest-kind")).isEqualTo("image");
        assertThat(browser.text("#signed")).isEqualTo("signed");
        assertThat(browser.driver().findElements(By.cssSelector("#layers tbody tr"))).singleElement()
                .extracting(WebElement::getText).asString().contains("application/vnd.oci.image.layer.v1.tar+gzip")
                .endsWith("4.1 KB");
        assertThat(browser.text("#entrypoint")).isEqualTo("/usr/local/bin/shipyard");
        assertThat(browser.text("#cmd")).isEqualTo("serve --port 8080");
        assertThat(browser.text("#working-dir")).isEqualTo("/srv/shipyard");
        assertThat(browser.text("#user")).isEqualTo("app");
        assertThat(browser.text("#exposed-ports")).isEqualTo("8080/tcp");
        assertThat(browser.text("#env")).contains("SHIPYARD_MODE=production");
        assertThat(browser.find("#labels a").getAttribute("href")).isEqualTo("https://example.com/acme/shipyard");
        assertThat(browser.driver().findElements(By.cssSelector("#labels a"))).hasSize(1);
        assertThat(browser.text("#labels")).contains("javascript:alert(1)");
        assertThat(browser.text("#history")).contains("ADD shipyard /usr/local/bin/").contains("EXPOSE 8080");
        assertThat(browser.text("#referrers .referrer-name")).isEqualTo("Cosign signature");
        screenshotForDocs(browser.screenshot("tags-03-signed-tag"), "signed-tag.png");

        browser.submit("#referrers a.referrer-link");
        assertThat(browser.path()).isEqualTo("/r/" + REPOSITORY + "/-/manifests/" + pushed.signatureDigest());
        assertThat(browser.text("#manifest-kind")).isEqualTo("artifact");
        assertThat(browser.text("#artifact-type")).isEqualTo(COSIGN_SIGNATURE);
        assertThat(browser.text("#layers")).contains(SIMPLE_SIGNING);
        browser.submit("#subject-link");
        assertThat(browser.path()).isEqualTo("/r/" + REPOSITORY + "/-/manifests/" + pushed.imageDigest());
        browser.screenshot("tags-04-signature");
    }

    private void followTheIndexToEachPlatform() {
        browser.go("/r/" + REPOSITORY + "/-/tags/multi");
        assertThat(browser.text("#manifest-kind")).isEqualTo("index");
        assertThat(browser.text("#media-type")).isEqualTo("application/vnd.oci.image.index.v1+json");
        List<String> platforms = browser.driver().findElements(By.cssSelector("#platforms tbody tr")).stream()
                .map(row -> row.findElement(By.tagName("td")).getText()).toList();
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");
        screenshotForDocs(browser.screenshot("tags-05-index"), "multi-platform-index.png");
        String arm = browser.driver().findElements(By.cssSelector("#platforms a.platform-link")).get(1).getText();
        browser.driver().findElements(By.cssSelector("#platforms a.platform-link")).get(1).click();
        browser.until(driver -> browser.path().endsWith(arm));
        assertThat(browser.text("#manifest-kind")).isEqualTo("image");
        assertThat(browser.text("#manifest-digest")).isEqualTo(arm);
        assertThat(browser.has("#layers")).isTrue();
    }

    private void deleteOneOfTwoTagsOnAManifest(Pushed pushed) {
        browser.go("/r/" + REPOSITORY + "?q=stable");
        browser.submit("[data-tag='stable'] a.delete-tag");
        assertThat(browser.path()).isEqualTo("/r/" + REPOSITORY + "/-/tags/stable/delete");
        assertThat(browser.text("#delete-explanation")).contains(pushed.imageDigest());
        browser.screenshot("tags-06-delete-confirmation");
        browser.click("#confirm-delete");
        browser.submit("#delete-manifest");
        assertThat(browser.text(".flash.notice")).startsWith("Deleted the tag stable.");

        awaitTags(tags -> !tags.containsKey("stable"));
        browser.go("/r/" + REPOSITORY + "?q=stable");
        assertThat(browser.text("#no-matching-tags")).isEqualTo("No tags match “stable”.");
        browser.go("/r/" + REPOSITORY + "?q=1.0");
        assertThat(row("1.0").findElement(By.cssSelector(".digest")).getText()).isEqualTo(pushed.imageDigest());
        registry(registryToken()).get("/v2/" + REPOSITORY + "/manifests/1.0").then().statusCode(200);
        registry(registryToken()).get("/v2/" + REPOSITORY + "/manifests/stable").then().statusCode(404);
    }

    private void anEmptyRepositoryTellsHowToPush() {
        browser.go("/new");
        browser.type("#name", "drydock");
        browser.submit("#create-repository");
        browser.go("/r/" + EMPTY_REPOSITORY);
        assertThat(browser.has("#pull-command")).isFalse();
        assertThat(browser.text("#no-tags")).startsWith("No tags yet.")
                .contains("docker push " + servers.registryHost() + "/" + EMPTY_REPOSITORY + ":TAG");
    }

    private void copyANewAccessToken() {
        browser.go("/settings/tokens");
        browser.type("#token-name", "laptop");
        browser.submit("#create-token");
        WebElement copy = browser.find("#copy-created-token");
        assertThat(copy.isDisplayed()).isTrue();
        assertThat(copy.getText()).isEqualTo("Copy token");
        assertThat(copy.getAttribute("data-copy")).isEqualTo(browser.text("#created-token")).startsWith("wharf_");
    }

    private List<String> rows() {
        return browser.driver().findElements(By.cssSelector("#tags tbody tr")).stream().map(WebElement::getText).toList();
    }

    private List<String> tagNames() {
        return browser.driver().findElements(By.cssSelector("#tags tbody tr")).stream()
                .map(row -> row.getAttribute("data-tag")).toList();
    }

    private WebElement row(String tag) {
        return browser.find("#tags tbody tr[data-tag='" + tag + "']");
    }

    /** Waits (bounded) until the index's tags, as the registry's events told it, satisfy {@code condition}. */
    private static void awaitTags(Predicate<Map<String, String>> condition) {
        Instant deadline = Instant.now().plus(EVENT_DEADLINE);
        while (!condition.test(index.tags(REPOSITORY))) {
            assertThat(Instant.now()).as("the index learns of the registry's change").isBefore(deadline);
            sleep(Duration.ofMillis(300));
        }
    }

    private static String registryToken() {
        return given().baseUri(servers.indexUrl()).auth().preemptive().basic(USER, PASSWORD)
                .queryParam("service", "wharf-registry")
                .queryParam("scope", "repository:" + REPOSITORY + ":pull,push")
                .get("/v2/token").then().statusCode(200).extract().path("token");
    }

    private static RequestSpecification registry(String token) {
        return given().baseUri("http://" + servers.registryHost()).header("Authorization", "Bearer " + token);
    }

    /** A monolithic upload: POST for a session, PUT the bytes with their digest. */
    private static void uploadBlob(String token, TestBlob blob) {
        String location = registry(token).post("/v2/" + REPOSITORY + "/blobs/uploads/")
                .then().statusCode(202).extract().header("Location");
        registry(token).contentType("application/octet-stream").body(blob.bytes())
                .queryParam("digest", blob.digest())
                .put(location).then().statusCode(201);
    }

    private static void putManifest(String token, String reference, ManifestDocument manifest) {
        registry(token).contentType(manifest.mediaType()).body(manifest.bytes())
                .put("/v2/" + REPOSITORY + "/manifests/" + reference).then().statusCode(201);
    }

    /** Copies a screenshot to {@code wharf.e2e.docs-screenshots} (the README's), when that is set. */
    private static void screenshotForDocs(Path screenshot, String name) {
        String folder = System.getProperty("wharf.e2e.docs-screenshots", "");
        if (folder.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
            Files.copy(screenshot, Path.of(folder, name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
