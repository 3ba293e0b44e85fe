package io.wharf.index.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.index.IndexAppTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First start without a configured password: the administrator gets a generated one, logged once. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdministratorTest extends IndexAppTestSupport {

    private static final Pattern LOGGED_PASSWORD =
            Pattern.compile("Created the administrator account \"root\" with the password\\s+(\\S+)\\s");

    @DynamicPropertySource
    static void noConfiguredPassword(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.admin.username", () -> "root");
        registry.add("wharf.index.admin.password", () -> "");
        registry.add("wharf.index.admin.email", () -> "root@example.com");
    }

    @Autowired
    AdministratorBootstrap bootstrap;

    @Test
    void createsAConfirmedAdministratorWithAGeneratedPasswordShownOnce(CapturedOutput output) {
        Matcher logged = LOGGED_PASSWORD.matcher(output.getAll());
        assertThat(logged.find()).as("the generated password is logged").isTrue();
        String password = logged.group(1);

        as("root", password).get("/api/user").then()
                .statusCode(200)
                .body("username", equalTo("root"))
                .body("email", equalTo("root@example.com"))
                .body("administrator", equalTo(true))
                .body("emailConfirmed", equalTo(true));
        as("root", password).get("/api/users").then().statusCode(200).body("size()", equalTo(1));

        // The next start finds an administrator and neither creates nor logs anything.
        bootstrap.run(new DefaultApplicationArguments());
        assertThat(LOGGED_PASSWORD.matcher(output.getAll()).results().count()).isEqualTo(1);
        assertThat(output.getAll()).as("a generated password is strong").doesNotContain("is weak");
        as("root", password).get("/api/users").then().statusCode(200).body("size()", equalTo(1));
    }
}
