package io.wharf.index.account;

import io.wharf.index.IndexProperties;
import io.wharf.index.security.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator when the index has none (its first start), from
 * {@code wharf.index.admin.*}. Without a configured password it generates one and logs it once: it is
 * stored only as a hash, so that log line is the only place it can be read.
 */
@Component
public class AdministratorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

    private final Accounts accounts;
    private final AccountService accountService;
    private final PasswordPolicy passwordPolicy;
    private final IndexProperties.Admin admin;

    public AdministratorBootstrap(Accounts accounts, AccountService accountService, PasswordPolicy passwordPolicy,
            IndexProperties properties) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.passwordPolicy = passwordPolicy;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (accounts.existsByAdministratorTrue()) {
            return;
        }
        boolean generated = admin.password() == null || admin.password().isBlank();
        // 24 random base64url characters: 144 bits, and nothing a terminal or shell mangles when copied.
        String password = generated ? SecretTokens.generate("").substring(0, 24) : admin.password();
        try {
            accountService.createAdministrator(admin.username(), admin.email(), password);
        } catch (DataIntegrityViolationException raced) {
            // Another replica starting at the same time created it; it logged the password if it made one.
            log.info("the bootstrap administrator was created concurrently by another instance");
            return;
        }
        if (generated) {
            log.warn("""

                    ************************************************************
                      Created the administrator account "{}" with the password

                          {}

                      It is shown only this once. Sign in and change it, or set
                      WHARF_ADMIN_PASSWORD before the first start next time.
                    ************************************************************""", admin.username(), password);
        } else {
            log.info("Created the administrator account \"{}\" with the configured password", admin.username());
            // A warning, not a refusal: installations that set a weak password before the policy still start.
            passwordPolicy.problem(password, admin.username(), admin.email()).ifPresent(problem -> log.warn(
                    "The configured administrator password (WHARF_ADMIN_PASSWORD) is weak: {} Sign in and change it.",
                    problem));
        }
    }
}
