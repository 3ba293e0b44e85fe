package io.wharf.index.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.index.IndexAppTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * First start with a configured administrator password the password policy refuses: the index starts, the
 * administrator signs in with it, and the log says to change it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdministratorWeakPasswordTest extends IndexAppTestSupport {

    @DynamicPropertySource
    static void weakConfiguredPassword(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.admin.username", () -> "chief");
        registry.add("wharf.index.admin.password", () -> "password");
    }

    @Test
    void isUsedWithAWarning(CapturedOutput output) {
        as("chief", "password").get("/api/user").then().statusCode(200).body("administrator", equalTo(true));
        assertThat(output.getAll()).contains("The configured administrator password (WHARF_ADMIN_PASSWORD) is weak: "
                + "Choose a password of at least 10 characters.");
    }
}
