package io.wharf.index.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.wharf.index.IndexAppTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * The index with its web UI, driven through MockMvc (pages, forms, sessions, CSRF) and, where the servlet
 * container matters (error pages), over HTTP on its port. Mail goes to GreenMail, a real SMTP server in
 * the test JVM.
 */
@AutoConfigureMockMvc
public abstract class WebUiTestSupport extends IndexAppTestSupport {

    @RegisterExtension
    protected static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final Pattern LINK = Pattern.compile("^(http://\\S+)$", Pattern.MULTILINE);

    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    /** Signs in through the login form and returns the session. */
    protected MockHttpSession signIn(String username, String password) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf())
                        .param("username", username).param("password", password))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    protected MockHttpSession signIn(String username) throws Exception {
        return signIn(username, passwordOf(username));
    }

    protected MockHttpSession signInAsAdmin() throws Exception {
        return signIn(ADMIN, ADMIN_PASSWORD);
    }

    /**
     * The page a redirect leads to, with the flash attributes (notice, error, form errors) it carried. Flash messages
     * of earlier redirects the test did not follow are dropped first, as a browser would have shown them already.
     */
    protected Document pageAfter(MvcResult redirect, MockHttpSession session) throws Exception {
        session.removeAttribute(SessionFlashMapManager.class.getName() + ".FLASH_MAPS");
        return page(mvc.perform(get(redirect.getResponse().getRedirectedUrl()).session(session)
                .flashAttrs(redirect.getFlashMap())).andReturn());
    }

    /** The page an answer holds, parsed as a browser does. */
    protected static Document page(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    /**
     * The error shown with the input whose id is {@code inputId}: the text of the field error below it, which the
     * input names in {@code aria-describedby} and is marked {@code aria-invalid} for; empty when it has none.
     */
    protected static String fieldError(Document page, String inputId) {
        Element input = page.getElementById(inputId);
        if (input == null) {
            throw new AssertionError("no input #" + inputId + " on the page:\n" + page.select("main").outerHtml());
        }
        String errors = Arrays.stream(input.attr("aria-describedby").split("\\s+"))
                .filter(id -> !id.isEmpty())
                .map(page::getElementById)
                .filter(element -> element != null && element.hasClass("field-error"))
                .map(Element::text)
                .collect(Collectors.joining(" "));
        assertThat(input.attr("aria-invalid")).as("aria-invalid of #" + inputId).isEqualTo(errors.isEmpty() ? "" : "true");
        return errors;
    }

    /** The errors about the form as a whole, shown above the fields of the form with this id. */
    protected static String generalErrors(Document page, String formId) {
        return page.select("#" + formId + " .form-errors").text();
    }

    /**
     * The link on its own line in the newest mail to {@code address}, waiting up to 10 s for it to arrive.
     */
    protected static String linkInMailTo(String address, String subjectPart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] messages = MAIL.getReceivedMessagesForDomain(address);
            for (int i = messages.length - 1; i >= 0; i--) {
                if (messages[i].getSubject().contains(subjectPart)) {
                    Matcher link = LINK.matcher(messages[i].getContent().toString().replace("\r\n", "\n"));
                    if (!link.find()) {
                        throw new AssertionError("no link in the mail: " + messages[i].getContent());
                    }
                    return link.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail \"" + subjectPart + "\" arrived for " + address + "; received: "
                + Arrays.stream(MAIL.getReceivedMessages()).map(WebUiTestSupport::describe).toList());
    }

    private static String describe(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()) + " " + message.getSubject();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
