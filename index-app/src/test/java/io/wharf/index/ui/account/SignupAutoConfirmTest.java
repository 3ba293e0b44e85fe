package io.wharf.index.ui.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.wharf.index.IndexAppTestSupport;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** {@code wharf.index.signup.auto-confirm=true}: addresses count as confirmed at sign-up, no mail. */
@AutoConfigureMockMvc
@TestPropertySource(properties = "wharf.index.signup.auto-confirm=true")
class SignupAutoConfirmTest extends IndexAppTestSupport {

    @Autowired
    private MockMvc mvc;

    @Test
    void signedUpAccountsAreConfirmedAndMayPush() throws Exception {
        String username = uniqueName("auto");
        mvc.perform(post("/signup").with(csrf()).param("username", username)
                        .param("email", username + "@example.com").param("password", STRONG_PASSWORD))
                .andExpect(content().string(containsString("Your account is ready.")));
        asAdmin().get("/api/users/{name}", username).then().body("emailConfirmed", equalTo(true));
        assertThat(grants(token(as(username, STRONG_PASSWORD),
                        "repository:" + username + "/app:push,pull").getString("token")))
                .containsEntry(username + "/app", Set.of("push", "pull"));
    }
}
