package io.wharf.index.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.wharf.index.IndexAppTestSupport;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The embedded default: no SMTP server, so the confirmation link is written to the log. */
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SignupWithoutSmtpTest extends IndexAppTestSupport {

    @Autowired
    private MockMvc mvc;

    @Test
    void theConfirmationLinkIsLoggedAndWorks(CapturedOutput output) throws Exception {
        String username = uniqueName("nosmtp");
        mvc.perform(post("/signup").with(csrf()).param("username", username)
                        .param("email", username + "@example.com").param("password", STRONG_PASSWORD))
                .andExpect(content().string(containsString("was written to the index's log")));

        Matcher logged = Pattern.compile("^(http://127\\.0\\.0\\.1:" + port + "/signup/confirm\\?token=\\S+)$", Pattern.MULTILINE)
                .matcher(output.getAll());
        assertThat(output.getAll()).contains("No SMTP server is configured");
        assertThat(logged.find()).as("the link on its own line in the log").isTrue();
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(false));

        mvc.perform(get(URI.create(logged.group(1))))
                .andExpect(content().string(containsString("Email address confirmed")));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(true));
    }
}
