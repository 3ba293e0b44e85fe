package io.wharf.index.account;

import io.wharf.index.error.ApiException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot my password": a link by mail ({@code /password/reset?token=}) that sets a new password once.
 * The request is answered the same whether or not an account has the address, so it does not tell who
 * has an account. Resetting ends the account's other sign-ins as a password change does.
 */
@Service
@Transactional
public class PasswordResetService {

    public static final String RESET_PATH = "/password/reset";
    /** At most one reset mail per account in this time, so that the form cannot flood someone's inbox. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final AccountService accountService;
    private final Accounts accounts;
    private final MailLinks links;
    private final AccountMailer mailer;
    private final WebAccountProperties.Mail mail;

    public PasswordResetService(AccountService accountService, Accounts accounts, MailLinks links,
            AccountMailer mailer, WebAccountProperties properties) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.links = links;
        this.mailer = mailer;
        this.mail = properties.mail();
    }

    /**
     * Mails a reset link if an unlocked account has this address; otherwise does nothing, silently. The
     * mail leaves after the answer, which therefore takes as long either way.
     */
    public void requestReset(String email) {
        Optional<Account> account = accounts.findByEmail(email.trim().toLowerCase(Locale.ROOT))
                .filter(found -> !found.locked())
                .filter(found -> !links.sentWithin(found, MailTokenPurpose.PASSWORD_RESET, RESEND_INTERVAL));
        account.ifPresent(found -> {
            String link = links.issue(found, MailTokenPurpose.PASSWORD_RESET, mail.passwordResetLifetime(), RESET_PATH);
            String body = """
                    Hello %s,

                    someone (hopefully you) asked to reset the password of your Wharf account. To choose a new
                    password, open this link:

                    %s

                    The link works once, for %s. If you did not ask for this, ignore this mail: your password
                    stays as it is.
                    """.formatted(found.username(), link, Durations.describe(mail.passwordResetLifetime()));
            mailer.sendAfterCommit(found.email(), "Reset your Wharf password", body);
        });
    }

    /** The username whose password the link resets, or empty when the link is unknown, used or expired. */
    @Transactional(readOnly = true)
    public Optional<String> username(String secret) {
        return links.find(secret, MailTokenPurpose.PASSWORD_RESET)
                .flatMap(token -> accounts.findById(token.accountId()))
                .map(Account::username);
    }

    /**
     * Sets the new password and uses up every reset link of the account.
     *
     * @throws ApiException 400 when the link does not work (any more) or the password breaks the policy
     */
    public String reset(String secret, String newPassword) {
        MailToken token = links.find(secret, MailTokenPurpose.PASSWORD_RESET)
                .orElseThrow(() -> ApiException.badRequest("this password reset link is invalid, used or expired; ask for a new one"));
        Account account = accounts.findById(token.accountId())
                .filter(found -> !found.locked())
                .orElseThrow(() -> ApiException.badRequest("this account cannot reset its password; ask an administrator"));
        accountService.resetPassword(account, newPassword, token.email());
        links.revokeAll(account.id(), MailTokenPurpose.PASSWORD_RESET);
        return account.username();
    }
}
