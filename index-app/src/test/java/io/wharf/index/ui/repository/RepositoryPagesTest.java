package io.wharf.index.ui.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.wharf.index.registry.TagTarget;
import io.wharf.index.repository.RepositoryContents;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.ui.WebUiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * The repository page, its settings, {@code /new} and {@code /u/{namespace}}: who sees and may change what. The
 * registry is down for this class (a closed loopback port), so a confirmed delete is refused with the registry's
 * failure; the deletion itself runs against a real registry in e2e-tests' {@code WebUiJourneyTest}.
 */
class RepositoryPagesTest extends WebUiTestSupport {

    private static final int CLOSED_PORT = closedPort();
    private static final String REGISTRY_HOST = "registry.example.test";
    private static final Instant THIRTY_TAGS_PUSHED = Instant.parse("2030-01-01T12:00:00Z");

    @Autowired
    private JdbcClient database;

    @Autowired
    private RepositoryContents contents;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.registry-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("wharf.index.registry-host", () -> REGISTRY_HOST);
    }

    @Test
    void anonymousVisitorsSeeAPublicRepositoryWithPullCommandTagsAndDescription() throws Exception {
        String alice = createUser();
        String repository = alice + "/team/app";
        createRepository(alice, repository, "public");
        describe(alice, repository, "The app", "# App\n\nRun it with `app --help`.\n\n| os | arch |\n|---|---|\n| linux | amd64 |");
        Instant pushed = Instant.parse("2030-01-01T12:00:00Z");
        sendEvents(tagPush(repository, "1.0", digest("one"), pushed));
        sendEvents(event("push", Map.of("mediaType", "application/vnd.oci.image.index.v1+json", "size", 2500,
                "digest", digest("multi"), "repository", repository, "tag", "2.0",
                "platforms", List.of(Map.of("os", "linux", "architecture", "amd64"),
                        Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))), pushed.plusSeconds(60)));
        sendEvents(event("pull", Map.of("repository", repository, "count", 3, "tags",
                Map.of("1.0", Map.of("count", 3, "lastPulledAt", "2030-01-01T12:05:30Z"))), pushed.plusSeconds(400)));

        mvc.perform(get("/r/" + repository))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<title>" + repository + " · Wharf</title>"),
                        containsString("id=\"pull-command\">docker pull " + REGISTRY_HOST + "/" + repository + ":2.0</code>"),
                        containsString("<p id=\"short-description\" class=\"lead\">The app</p>"),
                        containsString("<h1>App</h1>"),
                        containsString("<td>linux</td>"),
                        containsString("<code>app --help</code>"),
                        containsString(">1.0</code>"),
                        containsString("<code class=\"digest\">" + digest("one") + "</code>"),
                        containsString("data-copy=\"docker pull " + REGISTRY_HOST + "/" + repository + "@" + digest("one") + "\""),
                        containsString(">docker pull " + REGISTRY_HOST + "/" + repository + ":1.0</code>"),
                        containsString("<td>1.2 KB</td>"),
                        containsString("<td>single image</td>"),
                        containsString("<td>linux/amd64, linux/arm64/v8</td>"),
                        containsString("<td>2.5 KB (index)</td>"),
                        containsString("title=\"2030-01-01 12:01 UTC\""),
                        containsString("<span class=\"pull-count\">3 pulls</span>"),
                        containsString("title=\"2030-01-01 12:05:30 UTC\""),
                        containsString("<span class=\"pull-count\">0 pulls</span>"),
                        containsString("<span class=\"last-pulled\">never</span>"),
                        containsString("★ 0 stars"),
                        not(containsString("id=\"settings-link\"")))));
    }

    @Test
    void singleImagesShowThePlatformTheRegistryReadFromTheirConfig() throws Exception {
        String alice = createUser();
        String repository = alice + "/platforms";
        createRepository(alice, repository, "public");
        Instant pushed = Instant.parse("2030-01-01T12:00:00Z");
        sendEvents(event("push", Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json", "size", 500,
                "imageSize", 2_500_000, "digest", digest("arm"), "repository", repository, "tag", "arm",
                "platforms", List.of(Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))), pushed));
        sendEvents(event("push", Map.of("mediaType", "application/vnd.docker.distribution.manifest.v2+json",
                "size", 500, "imageSize", 3_500_000, "digest", digest("windows"), "repository", repository, "tag",
                "windows", "platforms", List.of(Map.of("os", "windows", "architecture", "amd64",
                        "os.version", "10.0.17763.5329"))), pushed.plusSeconds(1)));
        // An artifact (or an image pushed before the registry read configs) has no platform.
        sendEvents(tagPush(repository, "sbom", digest("sbom"), pushed.plusSeconds(2)));

        mvc.perform(get("/r/" + repository))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<td>2.5 MB</td>\n          <td>linux/arm64/v8</td>"),
                        containsString("<td>3.5 MB</td>\n          <td>windows/amd64</td>"),
                        containsString("<td>1.2 KB</td>\n          <td>single image</td>"),
                        not(containsString("(index)")))));
        anonymous().get("/api/repositories/" + repository + "/-/tags").then().statusCode(200)
                .body("find { it.name == 'arm' }.platforms", equalTo(List.of(
                        Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))))
                .body("find { it.name == 'arm' }", not(hasKey("index")));
    }

    @Test
    void thePullCommandLeavesOutTheLatestTag() throws Exception {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        // An empty repository has nothing to pull: it says how to push instead.
        mvc.perform(get("/r/" + repository))
                .andExpect(content().string(allOf(
                        not(containsString("id=\"pull-command\"")),
                        containsString("docker push " + REGISTRY_HOST + "/" + repository + ":TAG"),
                        containsString("id=\"no-tags\""))));

        sendEvents(tagPush(repository, "latest", digest("latest"), Instant.parse("2030-01-01T12:00:00Z")));
        sendEvents(tagPush(repository, "dev", digest("dev"), Instant.parse("2030-01-02T12:00:00Z")));
        mvc.perform(get("/r/" + repository))
                .andExpect(content().string(containsString(">docker pull " + REGISTRY_HOST + "/" + repository + "</code>")));
    }

    @Test
    void privateRepositoriesAreNotFoundForThoseWhoMayNotSeeThem() throws Exception {
        String alice = createUser();
        String stranger = createUser();
        String reader = createUser();
        String repository = alice + "/secret";
        createRepository(alice, repository, "private");
        putCollaborator(alice, repository, reader, "read");

        mvc.perform(get("/r/" + repository)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("no repository " + repository)));
        mvc.perform(get("/r/" + repository).session(signIn(stranger))).andExpect(status().isNotFound());
        mvc.perform(get("/r/" + repository + "/-/settings").session(signIn(stranger))).andExpect(status().isNotFound());
        // The same answer as for a repository that does not exist, as the REST API gives.
        mvc.perform(get("/r/" + alice + "/missing")).andExpect(status().isNotFound());
        anonymous().get("/api/repositories/" + repository).then().statusCode(404);

        mvc.perform(get("/r/" + repository).session(signIn(reader))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"visibility\">private</span>")));
        mvc.perform(get("/r/" + repository).session(signIn(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"settings-link\" href=\"/r/" + repository + "/-/settings\"")));
    }

    @Test
    void malformedAddressesAreNotFound() throws Exception {
        String alice = createUser();
        createRepository(alice, alice + "/app", "public");

        mvc.perform(get("/r/" + alice + "/app/-/nothing")).andExpect(status().isNotFound());
        mvc.perform(get("/r/Not_A_Name")).andExpect(status().isNotFound());
        mvc.perform(formPost("/r/" + alice + "/app/-/nothing").session(signIn(alice))).andExpect(status().isNotFound());
    }

    @Test
    void settingsAskAnonymousVisitorsToSignInAndRefuseReaders() throws Exception {
        String alice = createUser();
        String reader = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        putCollaborator(alice, repository, reader, "read");

        mvc.perform(get("/r/" + repository + "/-/settings")).andExpect(redirectedUrl("/login"));

        MockHttpSession session = signIn(reader);
        mvc.perform(get("/r/" + repository).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"settings-link\""))));
        mvc.perform(get("/r/" + repository + "/-/settings").session(session)).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("only admins of " + repository + " may change it")));
        mvc.perform(formPost("/r/" + repository + "/-/settings/visibility").session(session).param("visibility", "private"))
                .andExpect(status().isForbidden());
        mvc.perform(formPost("/r/" + repository + "/-/settings/descriptions").session(session)
                        .param("action", "save").param("shortDescription", "mine").param("fullDescription", ""))
                .andExpect(status().isForbidden());
        mvc.perform(formPost("/r/" + repository + "/-/delete").session(session).param("confirmation", repository))
                .andExpect(status().isForbidden());
        anonymous().get("/api/repositories/" + repository).then().body("visibility", equalTo("public"));
    }

    @Test
    void adminsPreviewAndSaveDescriptionsAndStoredScriptsStayInert() throws Exception {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        String hostile = "## Usage\n\n<script>document.title='pwned'</script>\n\n"
                + "[click](javascript:alert(1)) <img src=x onerror=alert(1)> <iframe src=\"https://evil.example\"></iframe>";
        MockHttpSession session = signIn(alice);

        mvc.perform(get("/r/" + repository + "/-/settings").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"descriptions-form\""),
                        not(containsString("id=\"description-preview\"")))));
        mvc.perform(formPost("/r/" + repository + "/-/settings/descriptions").session(session)
                        .param("action", "preview").param("shortDescription", "Short").param("fullDescription", hostile))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<div class=\"markdown\" id=\"description-preview\"><h2>Usage</h2>\n\n<p>click  </p>\n</div>"),
                        containsString("value=\"Short\""),
                        // The text being edited, escaped in its textarea.
                        containsString("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"),
                        not(containsString("<script>")), not(containsString("<iframe")))));
        anonymous().get("/api/repositories/" + repository).then().body("shortDescription", equalTo(""));

        mvc.perform(formPost("/r/" + repository + "/-/settings/descriptions").session(session)
                        .param("action", "save").param("shortDescription", "Short").param("fullDescription", hostile))
                .andExpect(redirectedUrl("/r/" + repository + "/-/settings"))
                .andExpect(flash().attribute("notice", "Saved the descriptions."));
        anonymous().get("/api/repositories/" + repository).then()
                .body("shortDescription", equalTo("Short")).body("fullDescription", equalTo(hostile));

        mvc.perform(get("/r/" + repository))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<div class=\"markdown\" id=\"full-description\"><h2>Usage</h2>"),
                        not(containsString("<script>")), not(containsString("javascript:")),
                        not(containsString("onerror")), not(containsString("<iframe")))));
    }

    @Test
    void descriptionsBeyondTheLimitsAreFormErrors() throws Exception {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");

        Document refused = page(mvc.perform(formPost("/r/" + repository + "/-/settings/descriptions").session(signIn(alice))
                        .param("action", "save").param("shortDescription", "x".repeat(101)).param("fullDescription", "ok"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(refused, "shortDescription")).isEqualTo("The short description has at most 100 characters.");
        assertThat(fieldError(refused, "fullDescription")).isEmpty();
        assertThat(refused.getElementById("shortDescription").val()).isEqualTo("x".repeat(101));
        assertThat(refused.getElementById("fullDescription").text()).isEqualTo("ok");
        anonymous().get("/api/repositories/" + repository).then().body("shortDescription", equalTo(""));
    }

    @Test
    void adminsChangeVisibilityAndManageCollaborators() throws Exception {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        MockHttpSession session = signIn(alice);
        String settings = "/r/" + repository + "/-/settings";

        mvc.perform(formPost(settings + "/visibility").session(session).param("visibility", "private"))
                .andExpect(redirectedUrl(settings)).andExpect(flash().attribute("notice", "Saved the visibility."));
        anonymous().get("/api/repositories/" + repository).then().statusCode(404);
        mvc.perform(formPost(settings + "/visibility").session(session).param("visibility", "secret"))
                .andExpect(redirectedUrl(settings))
                .andExpect(flash().attribute("error", "\"secret\" is not a valid Visibility; use one of: public, private"));

        mvc.perform(formPost(settings + "/collaborators").session(session).param("username", bob).param("role", "write"))
                .andExpect(redirectedUrl(settings));
        asUser(alice).get("/api/repositories/" + repository + "/-/collaborators").then()
                .body("username", equalTo(List.of(bob))).body("role", equalTo(List.of("write")));
        mvc.perform(get(settings).session(session))
                .andExpect(content().string(containsString("<td>" + bob + "</td>")));
        mvc.perform(get("/r/" + repository).session(signIn(bob))).andExpect(status().isOk());

        mvc.perform(formPost(settings + "/collaborators").session(session).param("username", bob).param("role", "admin"))
                .andExpect(redirectedUrl(settings));
        mvc.perform(get(settings).session(signIn(bob))).andExpect(status().isOk());

        Document unknownUser = pageAfter(mvc.perform(formPost(settings + "/collaborators").session(session)
                        .param("username", "nobody999").param("role", "read"))
                .andExpect(redirectedUrl(settings))
                .andReturn(), session);
        assertThat(fieldError(unknownUser, "collaborator-username")).isEqualTo("no user is named nobody999");
        assertThat(unknownUser.getElementById("collaborator-username").val()).isEqualTo("nobody999");
        assertThat(fieldError(unknownUser, "shortDescription")).as("another form of the page").isEmpty();
        mvc.perform(formPost(settings + "/collaborators").session(session).param("username", bob).param("role", "owner"))
                .andExpect(flash().attribute("error", "\"owner\" is not a valid Role; use one of: read, write, admin"));
        assertThat(fieldError(pageAfter(mvc.perform(formPost(settings + "/collaborators").session(session).param("role", "read"))
                .andReturn(), session), "collaborator-username")).isEqualTo("Enter a username.");

        mvc.perform(formPost(settings + "/collaborators/remove").session(session).param("username", bob))
                .andExpect(redirectedUrl(settings));
        asUser(alice).get("/api/repositories/" + repository + "/-/collaborators").then().body("size()", equalTo(0));
        mvc.perform(get("/r/" + repository).session(signIn(bob))).andExpect(status().isNotFound());
    }

    @Test
    void tagsAreFilteredSortedAndPagedByTheDatabase() throws Exception {
        String repository = repositoryWithThirtyTags();
        // And one whose name has LIKE's wildcard _, pushed before them.
        sendEvents(tagPush(repository, "odd_1", digest("odd"), THIRTY_TAGS_PUSHED.minusSeconds(1)));

        String newestFirst = tagList(repository);
        assertThat(tagNames(newestFirst)).hasSize(25).startsWith("v29", "v28").endsWith("v05");
        // The next page starts after the last tag's push time and name.
        assertThat(newestFirst).contains("id=\"tag-count\">(31)</span>", "Showing 25 of 31",
                "id=\"next-tags\" href=\"/r/" + repository + "?sort=pushed&amp;after=2030-01-01T12:00:05Z,v05\"")
                .doesNotContain("id=\"previous-tags\"");
        String lastPage = tagList(repository + "?" + link(newestFirst, "next-tags"));
        assertThat(tagNames(lastPage)).containsExactly("v04", "v03", "v02", "v01", "v00", "odd_1");
        assertThat(lastPage).contains("Showing 6 of 31").doesNotContain("id=\"next-tags\"");

        String byName = tagList(repository + "?sort=name");
        assertThat(tagNames(byName)).startsWith("odd_1", "v00", "v01").hasSize(25);
        assertThat(byName).contains("id=\"next-tags\" href=\"/r/" + repository + "?sort=name&amp;after=v23\"");
        String filtered = tagList(repository + "?q=v1&sort=name");
        assertThat(tagNames(filtered)).containsExactly("v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19");
        assertThat(filtered).contains("id=\"tag-count\">(10)</span>").doesNotContain("id=\"next-tags\"");
        // The filter is a plain string: _ is no wildcard (else v10..v19 would match too).
        assertThat(tagNames(tagList(repository + "?q=_1"))).containsExactly("odd_1");
        assertThat(tagList(repository + "?q=nothing-like-it&after=x")).contains("No tags match “nothing-like-it”.");
        // The filter stays with the links; paging within it goes by the same cursors.
        String filteredNewestFirst = tagList(repository + "?q=v");
        assertThat(link(filteredNewestFirst, "next-tags")).isEqualTo("q=v&sort=pushed&after=2030-01-01T12:00:05Z,v05");
        assertThat(tagNames(tagList(repository + "?" + link(filteredNewestFirst, "next-tags"))))
                .containsExactly("v04", "v03", "v02", "v01", "v00");
    }

    @Test
    void oldPageNumbersAndUnreadableCursorsShowTheFirstPage() throws Exception {
        String repository = repositoryWithThirtyTags();
        List<String> firstPage = tagNames(tagList(repository));

        for (String query : List.of("page=2", "page=x", "after=not-a-time,v05", "after=2030-01-01T12:00:05Z",
                "after=2030-01-01T12:00:05Z,", "before=,v05", "after=" + "v".repeat(300), "before=",
                "after=-1000000000-01-01T00:00:00Z,v05", "before=-1000000000-01-01T00:00:00Z,v05")) {
            assertThat(tagNames(tagList(repository + "?" + query))).as(query).isEqualTo(firstPage);
        }
        // In name order any text places the page: names after it.
        assertThat(tagNames(tagList(repository + "?sort=name&after=v27x"))).containsExactly("v28", "v29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pushed", "name"})
    void walkingNextToTheEndAndBackWithPreviousShowsEveryTagOnce(String sort) throws Exception {
        String alice = createUser();
        String repository = alice + "/walk-" + sort;
        createRepository(alice, repository, "public");
        Instant pushed = Instant.parse("2030-01-01T12:00:00Z");
        // 62 tags whose names do not follow their push order, pushed three at a time (ties go by name).
        Map<String, Instant> pushTimes = new HashMap<>();
        for (int i = 0; i < 62; i++) {
            String tag = String.format("t%02d", i * 7 % 62);
            pushTimes.put(tag, pushed.plusSeconds(i / 3));
            sendEvents(tagPush(repository, tag, digest(tag), pushTimes.get(tag)));
        }
        Comparator<String> byName = Comparator.naturalOrder();
        Comparator<String> newestFirst = Comparator.comparing(pushTimes::get, Comparator.<Instant>reverseOrder());
        List<String> expected = pushTimes.keySet().stream()
                .sorted("name".equals(sort) ? byName : newestFirst.thenComparing(byName)).toList();

        List<List<String>> forward = new ArrayList<>();
        String page = tagList(repository + "?sort=" + sort);
        for (int pages = 0; pages < 10; pages++) {
            forward.add(tagNames(page));
            if (!page.contains("id=\"next-tags\"")) {
                break;
            }
            page = tagList(repository + "?" + link(page, "next-tags"));
        }
        assertThat(forward).extracting(List::size).containsExactly(25, 25, 12);
        assertThat(forward.stream().flatMap(List::stream).toList()).isEqualTo(expected);

        List<List<String>> backward = new ArrayList<>();
        for (int pages = 0; pages < 10; pages++) {
            backward.add(0, tagNames(page));
            if (!page.contains("id=\"previous-tags\"")) {
                break;
            }
            page = tagList(repository + "?" + link(page, "previous-tags"));
        }
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void theTagCountStaysExactThroughPushesDeletesReconcilesAndTheRepositorysDeletion() throws Exception {
        String alice = createUser();
        String repository = alice + "/counted";
        createRepository(alice, repository, "private");
        Instant at = Instant.parse("2030-01-01T12:00:00Z");
        sendEvents(tagPush(repository, "a", digest("a"), at), tagPush(repository, "b", digest("shared"), at),
                tagPush(repository, "c", digest("shared"), at));
        sendEvents(tagPush(repository, "a", digest("a2"), at.plusSeconds(1)));
        assertThat(tagCount(alice, repository)).isEqualTo("(3)");

        sendEvents(event("delete", Map.of("repository", repository, "tag", "a"), at.plusSeconds(2)));
        sendEvents(event("delete", Map.of("repository", repository, "tag", "a"), at.plusSeconds(2)));
        assertThat(tagCount(alice, repository)).isEqualTo("(2)");
        sendEvents(event("delete", Map.of("repository", repository, "digest", digest("shared")), at.plusSeconds(3)),
                tagPush(repository, "d", digest("d"), at.plusSeconds(4)));
        assertThat(tagCount(alice, repository)).isEqualTo("(1)");

        // Reconciling adds and removes tags, and mends a stored count that anything went around.
        database.sql("UPDATE repository SET tag_count = 99 WHERE namespace = ?").param(alice).update();
        contents.reconcile(RepositoryPath.parse(repository).orElseThrow(), Map.of(
                "e", new TagTarget(digest("e"), IMAGE_MANIFEST, 10, List.of()),
                "f", new TagTarget(digest("f"), IMAGE_MANIFEST, 10, List.of())), at.plusSeconds(5), false);
        assertThat(tagCount(alice, repository)).isEqualTo("(2)");

        sendEvents(event("delete", Map.of("repository", repository), at.plusSeconds(6)));
        mvc.perform(get("/r/" + repository).session(signIn(alice))).andExpect(status().isNotFound());
        sendEvents(tagPush(repository, "g", digest("g"), at.plusSeconds(7)));
        assertThat(tagCount(alice, repository)).isEqualTo("(1)");
    }

    /** A new public repository with 30 tags v00..v29, pushed in that order a second apart from {@link #THIRTY_TAGS_PUSHED}. */
    private String repositoryWithThirtyTags() {
        String alice = createUser();
        String repository = alice + "/many";
        createRepository(alice, repository, "public");
        for (int i = 0; i < 30; i++) {
            sendEvents(tagPush(repository, String.format("v%02d", i), digest("v" + i), THIRTY_TAGS_PUSHED.plusSeconds(i)));
        }
        return repository;
    }

    /** The repository page's HTML at {@code address} below {@code /r/} (a repository, maybe with a query). */
    private String tagList(String address) throws Exception {
        return mvc.perform(get(URI.create("/r/" + address))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /** The query of the link with this id on the page. */
    private static String link(String page, String id) {
        Matcher link = Pattern.compile("id=\"" + id + "\" href=\"[^\"?]*\\?([^\"]*)\"").matcher(page);
        assertThat(link.find()).as("link " + id).isTrue();
        return HtmlUtils.htmlUnescape(link.group(1));
    }

    /** The tag count on the repository's page, as {@code owner} sees it (signed in: never a kept anonymous page). */
    private String tagCount(String owner, String repository) throws Exception {
        String page = mvc.perform(get("/r/" + repository).session(signIn(owner))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher count = Pattern.compile("id=\"tag-count\">([^<]*)<").matcher(page);
        assertThat(count.find()).as("tag count").isTrue();
        return count.group(1);
    }

    @Test
    void onlyThoseWithTheDeletePermissionDeleteTagsAfterConfirming() throws Exception {
        String alice = createUser();
        String writer = createUser();
        String repository = alice + "/deletable";
        createRepository(alice, repository, "public");
        putCollaborator(alice, repository, writer, "write");
        sendEvents(tagPush(repository, "1.0", digest("deletable"), Instant.parse("2030-01-01T12:00:00Z")));
        String confirmation = "/r/" + repository + "/-/tags/1.0/delete";

        mvc.perform(get("/r/" + repository).session(signIn(writer)))
                .andExpect(content().string(not(containsString("class=\"delete-tag\""))));
        mvc.perform(get(confirmation).session(signIn(writer))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"delete-refused\""),
                        not(containsString("id=\"delete-manifest-form\"")))));
        mvc.perform(formPost(confirmation).session(signIn(writer)).param("confirm", "yes"))
                .andExpect(status().isForbidden());
        mvc.perform(formPost(confirmation).param("confirm", "yes")).andExpect(redirectedUrl("/login"));

        MockHttpSession admin = signIn(alice);
        mvc.perform(get("/r/" + repository).session(admin))
                .andExpect(content().string(containsString("class=\"delete-tag\" href=\"" + confirmation + "\"")));
        mvc.perform(formPost(confirmation).session(admin))
                .andExpect(redirectedUrl(confirmation))
                .andExpect(flash().attribute("error", "Tick the box to confirm the deletion."));
        // The registry deletes; this one is down, so the tag stays and the admin learns why.
        mvc.perform(formPost(confirmation).session(admin).param("confirm", "yes"))
                .andExpect(redirectedUrl(confirmation))
                .andExpect(flash().attribute("error", containsString("cannot reach the registry")));
        mvc.perform(get("/r/" + repository + "/-/tags/missing").session(admin)).andExpect(status().isNotFound());
        mvc.perform(get("/r/" + repository + "/-/manifests/not-a-digest").session(admin)).andExpect(status().isNotFound());
        mvc.perform(get("/r/" + repository + "/-/tags/1.0/other").session(admin)).andExpect(status().isNotFound());
    }

    private static List<String> tagNames(String page) {
        return Pattern.compile("data-tag=\"([^\"]+)\"").matcher(page).results()
                .map(match -> HtmlUtils.htmlUnescape(match.group(1))).toList();
    }

    @Test
    void deletingNeedsTheNameTypedAndKeepsTheRepositoryWhenTheRegistryIsDown() throws Exception {
        String alice = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        MockHttpSession session = signIn(alice);
        String settings = "/r/" + repository + "/-/settings";

        mvc.perform(formPost("/r/" + repository + "/-/delete").session(session).param("confirmation", "app"))
                .andExpect(redirectedUrl(settings))
                .andExpect(flash().attribute("error", "Type the repository's full name, " + repository + ", to delete it."));
        mvc.perform(formPost("/r/" + repository + "/-/delete").session(session).param("confirmation", repository))
                .andExpect(redirectedUrl(settings))
                .andExpect(flash().attribute("error", containsString("cannot reach the registry at http://127.0.0.1:" + CLOSED_PORT)));
        anonymous().get("/api/repositories/" + repository).then().statusCode(200);
    }

    @Test
    void signedInUsersStarAndUnstarAnonymousVisitorsAreAskedToSignIn() throws Exception {
        String alice = createUser();
        String fan = createUser();
        String repository = alice + "/app";
        createRepository(alice, repository, "public");
        MockHttpSession session = signIn(fan);

        mvc.perform(formPost("/r/" + repository + "/-/star").session(session))
                .andExpect(redirectedUrl("/r/" + repository));
        mvc.perform(get("/r/" + repository).session(session))
                .andExpect(content().string(containsString("id=\"unstar\">★ Starred <span class=\"count\">1</span>")));
        mvc.perform(formPost("/r/" + repository + "/-/unstar").session(session))
                .andExpect(redirectedUrl("/r/" + repository));
        mvc.perform(get("/r/" + repository).session(session))
                .andExpect(content().string(containsString("id=\"star\">☆ Star <span class=\"count\">0</span>")));

        mvc.perform(formPost("/r/" + repository + "/-/star")).andExpect(redirectedUrl("/login"));
        // Forms without the CSRF token are refused.
        mvc.perform(post("/r/" + repository + "/-/star").session(session)).andExpect(status().isForbidden());
        anonymous().get("/api/repositories/" + repository).then().body("starCount", equalTo(0));
    }

    @Test
    void newRepositoriesGoInTheViewersNamespaceOrTheirOrganizations() throws Exception {
        String alice = createUser();
        String organization = createOrganization(alice);
        String other = createOrganization(createUser());
        MockHttpSession session = signIn(alice);

        mvc.perform(get("/new")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/new").session(session).param("namespace", organization))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<option value=\"" + alice + "\">" + alice + "</option>"),
                        containsString("<option value=\"" + organization + "\" selected=\"selected\">"),
                        not(containsString("value=\"" + other + "\"")))));

        mvc.perform(formPost("/new").session(session)
                        .param("namespace", organization).param("name", "tools/app").param("visibility", "public"))
                .andExpect(redirectedUrl("/r/" + organization + "/tools/app"))
                .andExpect(flash().attribute("notice", "Created " + organization + "/tools/app. Push to it with docker push."));
        anonymous().get("/api/repositories/" + organization + "/tools/app").then().body("visibility", equalTo("public"));

        Document badName = page(mvc.perform(formPost("/new").session(session).param("namespace", alice).param("name", "Bad Name"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(badName, "name")).contains("lowercase letters, digits and separators");
        assertThat(badName.getElementById("name").val()).isEqualTo("Bad Name");
        Document taken = page(mvc.perform(formPost("/new").session(session).param("namespace", organization).param("name", "tools/app"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(fieldError(taken, "name")).isEqualTo("The repository " + organization + "/tools/app exists already.");
        assertThat(taken.select("#namespace option[selected]").val()).isEqualTo(organization);
        Document notAllowed = page(mvc.perform(formPost("/new").session(session).param("namespace", other).param("name", "app"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(generalErrors(notAllowed, "new-repository-form")).contains("you may not create repositories in " + other);

        // The name field holds the name without the namespace; typed with it in front, it is taken as meant.
        mvc.perform(formPost("/new").session(session).param("namespace", alice).param("name", alice + "/tools"))
                .andExpect(redirectedUrl("/r/" + alice + "/tools"));
        anonymous().get("/api/repositories/" + alice + "/" + alice + "/tools").then().statusCode(404);
    }

    @Test
    void namespacePagesListTheRepositoriesTheViewerMaySee() throws Exception {
        String alice = createUser();
        createRepository(alice, alice + "/open", "public");
        createRepository(alice, alice + "/closed", "private");

        mvc.perform(get("/u/" + alice))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/open\""),
                        not(containsString(alice + "/closed")), not(containsString("id=\"new-repository\"")))));
        mvc.perform(get("/u/" + alice).session(signIn(alice)))
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/open\""),
                        containsString("href=\"/r/" + alice + "/closed\""),
                        containsString("id=\"new-repository\" href=\"/new?namespace=" + alice + "\""))));
        mvc.perform(get("/u/nobody" + alice)).andExpect(status().isNotFound());
    }

    /**
     * Storage usage is for those who belong to the namespace (its user, an organization's members) and
     * administrators; with the registry down they see that it is unknown, the rest of the page still shows.
     */
    @Test
    void namespaceUsageIsShownToMembersAndAdministratorsOnly() throws Exception {
        String alice = createUser();
        String member = createUser();
        String stranger = createUser();
        String organization = createOrganization(alice);
        putMember(organization, alice, member, "read");
        createRepository(alice, alice + "/open", "public");
        String usageUnknown = "id=\"usage-problem\"";

        mvc.perform(get("/u/" + alice))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/open\""),
                        not(containsString("id=\"namespace-usage\"")))));
        mvc.perform(get("/u/" + alice).session(signIn(stranger)))
                .andExpect(content().string(not(containsString("id=\"namespace-usage\""))));
        mvc.perform(get("/u/" + organization).session(signIn(stranger)))
                .andExpect(content().string(not(containsString("id=\"namespace-usage\""))));
        mvc.perform(get("/u/" + alice).session(signIn(alice)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"namespace-usage\""), containsString(usageUnknown),
                        containsString("href=\"/r/" + alice + "/open\""))));
        mvc.perform(get("/u/" + alice).session(signInAsAdmin()))
                .andExpect(content().string(containsString(usageUnknown)));
        for (String viewer : List.of(alice, member)) {
            mvc.perform(get("/u/" + organization).session(signIn(viewer)))
                    .andExpect(content().string(containsString(usageUnknown)));
            mvc.perform(get("/orgs/" + organization).session(signIn(viewer)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(usageUnknown)));
        }
    }

    private void describe(String admin, String repository, String shortDescription, String fullDescription) {
        asUser(admin).contentType(ContentType.JSON)
                .body(Map.of("shortDescription", shortDescription, "fullDescription", fullDescription))
                .patch("/api/repositories/" + repository)
                .then().statusCode(200);
    }

    /** A form POST with the CSRF token, as the pages send it. */
    private static MockHttpServletRequestBuilder formPost(String path) {
        return post(path).with(csrf());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
