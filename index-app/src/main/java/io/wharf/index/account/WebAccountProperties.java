package io.wharf.index.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the web UI's accounts, under {@code wharf.index.web}; defaults and explanations are in
 * {@code application.yml}.
 *
 * @param publicUrl the address people open the index at, for links in mails; blank means
 *     {@code http://127.0.0.1:<the port the index listens on>}
 * @param rememberMe how long "remember me" keeps a browser signed in
 */
@ConfigurationProperties("wharf.index.web")
@Validated
public record WebAccountProperties(
        String publicUrl,
        @NotNull @DurationMin(minutes = 1) Duration rememberMe,
        @Valid @NotNull Mail mail) {

    /**
     * @param from the sender of the index's mails
     * @param confirmationLifetime how long an email confirmation link works
     * @param passwordResetLifetime how long a password reset link works
     */
    public record Mail(
            @NotBlank String from,
            @NotNull @DurationMin(minutes = 1) Duration confirmationLifetime,
            @NotNull @DurationMin(minutes = 1) Duration passwordResetLifetime) {
    }
}
