package io.wharf.index.ui.search;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.wharf.index.ui.WebUiTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** {@code /search} and {@code /explore}: public repositories for everyone, private ones for those who may pull them. */
class SearchPagesTest extends WebUiTestSupport {

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

        mvc.perform(get("/explore"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/shown\""),
                        containsString(" public repositor"), containsString(", most recently pushed first."),
                        not(containsString(alice + "/hidden")))));
        mvc.perform(get("/explore").session(signIn(alice)))
                .andExpect(content().string(allOf(containsString("href=\"/r/" + alice + "/shown\""),
                        containsString("href=\"/r/" + alice + "/hidden\""))));
    }
}
