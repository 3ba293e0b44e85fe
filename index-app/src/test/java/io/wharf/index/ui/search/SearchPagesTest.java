package io.wharf.index.ui.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.wharf.index.ui.WebUiTestSupport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code /search} and {@code /explore}: public repositories for everyone, private ones for those who may pull them. */
class SearchPagesTest extends WebUiTestSupport {

    @Autowired
    private JdbcClient database;

    @Test
    void searchFindsPublicRepositoriesAndPrivateOnesOnlyForThoseWhoMayPullThem() throws Exception {
        String alice = createUser();
        String reader = createUser();
        String word = uniqueName("zebra");
        createRepository(alice, alice + "/" + word + "-open", "public");
        createRepository(alice, alice + "/" + word + "-closed", "private");
        createRepository(alice, alice + "/other", "public");
        asUser(alice).contentType(ContentType.JSON).body(Map.of("shortDescription", "Stripes for " + word))
                .patch("/api/repositories/" + alice + "/other").then().statusCode(200);
        putCollaborator(alice, alice + "/" + word + "-closed", reader, "read");

        mvc.perform(get("/search").param("q", word))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("2 repositories match “" + word + "”."),
                        containsString("href=\"/r/" + alice + "/" + word + "-open\""),
                        containsString("href=\"/r/" + alice + "/other\""),
                        containsString("<p>Stripes for " + word + "</p>"),
                        not(containsString(word + "-closed")))));
        MockHttpSession session = signIn(reader);
        mvc.perform(get("/search").param("q", word).session(session))
                .andExpect(content().string(allOf(containsString("3 repositories match"),
                        containsString("href=\"/r/" + alice + "/" + word + "-closed\""))));
        mvc.perform(get("/search").param("q", word + "-open"))
                .andExpect(content().string(containsString("1 repository matches")));
    }

    @Test
    void anEmptyQueryOrAnOddPageNumberIsNoError() throws Exception {
        mvc.perform(get("/search"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Search repositories</h1>"),
                        not(containsString("id=\"result-count\"")))));
        mvc.perform(get("/search").param("q", "x").param("page", "abc")).andExpect(status().isOk());
        mvc.perform(get("/search").param("q", "x").param("page", "-4")).andExpect(status().isOk());
        mvc.perform(get("/explore").param("page", "999999999999")).andExpect(status().isOk());
    }

    @Test
    void exploreListsWhatTheViewerMaySee() throws Exception {
        String alice = createUser();
        createRepository(alice, alice + "/shown", "public");
        createRepository(alice, alice + "/hidden", "private");
        // Pushed last of all in this shared index: they lead the first page whatever else other tests made.
        Instant last = Instant.now().plus(Duration.ofDays(36500));
        sendEvents(tagPush(alice + "/shown", "v1", digest(alice + "/shown"), last),
                tagPush(alice + "/hidden", "v1", digest(alice + "/hidden"), last));

        mvc.perform(get("/explore"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/shown\""),
                        containsString(" public repositor"), containsString(", most recently pushed first."),
                        not(containsString(alice + "/hidden")))));
        mvc.perform(get("/explore").session(signIn(alice)))
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/shown\""),
                        containsString("href=\"/r/" + alice + "/hidden\""))));
    }

    @Test
    void nextRunsFromTheLatestPushToTheNeverPushedAndPreviousRunsBackShowingEachRepositoryOnce() throws Exception {
        String alice = createUser();
        int count = SearchPagesController.PAGE_SIZE + 2;
        // Pushed after anything else in this shared index: these lead the first page, newest first.
        Instant latest = Instant.now().plus(Duration.ofDays(3650));
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String repository = alice + "/pushed-" + i;
            createRepository(alice, repository, i == 3 ? "private" : "public");
            // The last three pushed at the same instant: their names settle the order, also across a page boundary.
            Instant pushedAt = latest.minus(Duration.ofMinutes(Math.min(i, 24)));
            sendEvents(tagPush(repository, "v1", digest(repository), pushedAt));
            newestFirst.add(repository);
        }
        createRepository(alice, alice + "/never-b", "public");
        createRepository(alice, alice + "/never-a", "public");
        createRepository(alice, alice + "/never-c", "private");

        Walk anonymous = walk(URI.create("/explore"), "next", null);
        // Every public repository of the index, each once, in push order, then the never pushed by name.
        assertThat(anonymous.repositories()).containsExactlyElementsOf(database.sql("""
                        SELECT namespace || '/' || name FROM repository WHERE visibility = 'PUBLIC'
                        ORDER BY last_pushed_at DESC NULLS LAST, namespace, name""").query(String.class).list());
        assertThat(anonymous.repositories().stream().filter(repository -> repository.startsWith(alice + "/")))
                .containsExactlyElementsOf(Stream.concat(newestFirst.stream().filter(name -> !name.endsWith("-3")),
                        Stream.of(alice + "/never-a", alice + "/never-b")).toList());
        assertThat(anonymous.pages().get(0)).hasSize(SearchPagesController.PAGE_SIZE);
        // Previous from the last page runs back through the same pages to the first.
        assertThat(walk(anonymous.last(), "prev", null).pagesBackwards()).isEqualTo(anonymous.pages());

        // Who may pull the private ones sees them in their places, in both directions.
        MockHttpSession session = signIn(alice);
        Walk signedIn = walk(URI.create("/explore"), "next", session);
        assertThat(signedIn.repositories().stream().filter(repository -> repository.startsWith(alice + "/")))
                .containsExactlyElementsOf(Stream.concat(newestFirst.stream(),
                        Stream.of(alice + "/never-a", alice + "/never-b", alice + "/never-c")).toList());
        assertThat(signedIn.repositories()).doesNotHaveDuplicates();
        assertThat(walk(signedIn.last(), "prev", session).pagesBackwards()).isEqualTo(signedIn.pages());
    }

    @Test
    void unreadablePositionsAreTheFirstPageAndFormerPageNumbersOrPositionsPastTheEndSayThereIsNothing()
            throws Exception {
        String first = mvc.perform(get("/explore")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        for (String unreadable : List.of("", "garbage", "~", "never~", "2026-13-45T00:00:00Z~a/b", "never~UPPER/Case",
                "+1000000000-01-01T00:00:00Z~a/b", "-0001-01-01T00:00:00Z~a/b")) {
            for (String direction : List.of("after", "before")) {
                mvc.perform(get("/explore").param(direction, unreadable))
                        .andExpect(status().isOk())
                        .andExpect(content().string(allOf(not(containsString("id=\"explore-past-end\"")),
                                not(containsString("rel=\"prev\"")))));
            }
        }
        assertThat(repositoryLinks(mvc.perform(get("/explore").param("after", "x")).andReturn().getResponse()
                .getContentAsString())).isEqualTo(repositoryLinks(first));

        mvc.perform(get("/explore").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No repositories on this page."),
                        containsString("id=\"explore-past-end\""), not(containsString("rel=\"next\"")))));
        // After the last never-pushed name there is nothing; Previous leads back from there.
        mvc.perform(get("/explore").param("after", "never~zzzzzz/zzz"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"explore-past-end\""),
                        containsString("rel=\"prev\""), not(containsString("rel=\"next\"")))));
    }

    @Test
    void anonymousVisitorsGetAKeptPageUntilAWriteThroughTheIndex() throws Exception {
        String alice = createUser();
        String repository = alice + "/kept";
        createRepository(alice, repository, "public");
        // Pushed after anything else in this shared index: it leads the first page.
        Instant latest = Instant.now().plus(Duration.ofDays(36600));
        sendEvents(tagPush(repository, "v1", digest(repository), latest));
        MockHttpSession signedIn = signIn(alice);
        MvcResult rendered = mvc.perform(get("/explore")).andExpect(status().isOk()).andReturn();
        assertThat(rendered.getResponse().getContentAsString()).contains("href=\"/r/" + repository + "\"");

        // A change that bypasses the index's requests, as a background job's would: anonymous visitors get the kept
        // page, with the same headers, until the time to live ends or a write comes through the index.
        database.sql("UPDATE repository SET short_description = 'Changed behind the index' WHERE namespace = ?")
                .param(alice).update();
        MvcResult kept = mvc.perform(get("/explore")).andExpect(status().isOk()).andReturn();
        assertThat(kept.getResponse().getContentAsString()).isEqualTo(rendered.getResponse().getContentAsString())
                .doesNotContain("Changed behind the index");
        for (String header : rendered.getResponse().getHeaderNames()) {
            assertThat(kept.getResponse().getHeaders(header)).as(header)
                    .isEqualTo(rendered.getResponse().getHeaders(header));
        }
        mvc.perform(get("/explore").session(signedIn))
                .andExpect(content().string(containsString("Changed behind the index")));

        sendEvents(tagPush(repository, "v2", digest(repository + ":v2"), latest));
        mvc.perform(get("/explore")).andExpect(content().string(containsString("Changed behind the index")));

        // Pulls only move counters, and a busy registry reports them every second: they leave the kept page.
        database.sql("UPDATE repository SET short_description = 'Changed while pulled' WHERE namespace = ?")
                .param(alice).update();
        sendEvents(event("pull", Map.of("repository", repository, "count", 1), latest.plusSeconds(1)));
        mvc.perform(get("/explore")).andExpect(content().string(not(containsString("Changed while pulled"))));
        mvc.perform(get("/explore").session(signedIn))
                .andExpect(content().string(containsString("Changed while pulled")));

        // Kept by address: each query its own page.
        mvc.perform(get("/search?q=" + alice + "/kept")).andExpect(content().string(containsString("/r/" + repository)));
        mvc.perform(get("/search?q=" + alice + "/gone")).andExpect(content().string(not(containsString("/r/" + repository))));
        mvc.perform(get("/search?q=" + alice + "/kept")).andExpect(content().string(containsString("/r/" + repository)));
    }

    /** The pages from {@code start} on, following the links {@code rel} while there is one. */
    private Walk walk(URI start, String rel, MockHttpSession session) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        URI address = start;
        for (int page = 0; page < 1000; page++) {
            Document shown = Jsoup.parse(explorePage(address, session));
            pages.add(repositoryLinks(shown.html()));
            Element link = shown.selectFirst("a[rel=" + rel + "]");
            if (link == null) {
                return new Walk(pages, address);
            }
            address = URI.create(link.attr("href"));
        }
        throw new AssertionError("The links " + rel + " run on past 1000 pages");
    }

    /** Pages as a walk met them, and the address of the last one. */
    private record Walk(List<List<String>> pages, URI last) {

        List<String> repositories() {
            return pages.stream().flatMap(List::stream).toList();
        }

        List<List<String>> pagesBackwards() {
            List<List<String>> backwards = new ArrayList<>(pages);
            Collections.reverse(backwards);
            return backwards;
        }
    }

    private String explorePage(URI address, MockHttpSession session) throws Exception {
        MockHttpServletRequestBuilder request = get(address);
        return mvc.perform(session == null ? request : request.session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** The repositories the page's cards link to, in page order. */
    private static List<String> repositoryLinks(String html) {
        return Jsoup.parse(html).select(".repo-cards a[href^=/r/]").stream()
                .map(link -> link.attr("href").substring("/r/".length()))
                .distinct()
                .toList();
    }
}
