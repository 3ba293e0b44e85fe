package io.wharf.index.account;

import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving an email address: sign-up and an address change send a link ({@code /signup/confirm?token=});
 * opening it confirms the address it was sent to, if that is still the account's address. Until then
 * the account may sign in but not push (when {@code require-email-confirmation} is on).
 */
@Service
@Transactional
public class EmailConfirmationService {

    public static final String CONFIRM_PATH = "/signup/confirm";

    private final AccountService accountService;
    private final Accounts accounts;
    private final MailLinks links;
    private final AccountMailer mailer;
    private final AuditTrail auditTrail;
    private final WebAccountProperties.Mail mail;

    public EmailConfirmationService(AccountService accountService, Accounts accounts, MailLinks links,
            AccountMailer mailer, AuditTrail auditTrail, WebAccountProperties properties) {
        this.accountService = accountService;
        this.auditTrail = auditTrail;
        this.accounts = accounts;
        this.links = links;
        this.mailer = mailer;
        this.mail = properties.mail();
    }

    /**
     * What became of a sign-up or address change.
     *
     * @param delivery how the confirmation mail went out; empty when the address needed no confirmation
     */
    public record Outcome(AccountView account, Optional<AccountMailer.Delivery> delivery) {
    }

    /** Creates the account (by {@link AccountService#create}'s rules) and mails the confirmation link if needed. */
    public Outcome signUp(Requester requester, CreateAccountRequest request) {
        AccountView created = accountService.create(requester, request);
        return outcome(created);
    }

    /** Changes the signed-in user's address; the new one needs confirming. */
    public Outcome changeEmail(Requester requester, String newEmail, String currentPassword) {
        return outcome(accountService.changeEmail(requester, newEmail, currentPassword));
    }

    /** Sends the signed-in user's confirmation link again. */
    public AccountMailer.Delivery resend(Requester requester) {
        Account account = account(Requesters.requireUser(requester).username());
        if (account.emailConfirmed()) {
            throw ApiException.conflict("your email address is already confirmed");
        }
        return send(account);
    }

    /**
     * What opening a confirmation link did.
     *
     * @param alreadyConfirmed the address was confirmed before (the link was opened again)
     */
    public record Confirmation(String username, boolean alreadyConfirmed) {
    }

    /**
     * Confirms the address the link was sent to; empty when the link is unknown, expired or stale (the account's
     * address changed, or a newer link was sent). The link keeps working until it expires, so that opening it again
     * says the address is confirmed already: confirming twice changes nothing.
     */
    public Optional<Confirmation> confirm(String secret) {
        Optional<MailToken> token = links.find(secret, MailTokenPurpose.EMAIL_CONFIRMATION);
        Optional<Account> account = token.flatMap(found -> accounts.findById(found.accountId()))
                .filter(found -> found.email().equals(token.get().email()));
        return account.map(found -> {
            boolean alreadyConfirmed = found.emailConfirmed();
            if (!alreadyConfirmed) {
                found.setEmailConfirmed(true);
                accounts.saveFlags(found);
                // Whoever opened the mailed link did it: they need not be signed in.
                auditTrail.record(AuditActor.ANONYMOUS, "account.email-confirmed", AuditTarget.account(found.username()),
                        Map.of("emailConfirmed", false), Map.of("emailConfirmed", true));
            }
            return new Confirmation(found.username(), alreadyConfirmed);
        });
    }

    private Outcome outcome(AccountView view) {
        if (view.emailConfirmed()) {
            return new Outcome(view, Optional.empty());
        }
        return new Outcome(view, Optional.of(send(account(view.username()))));
    }

    private AccountMailer.Delivery send(Account account) {
        // Links sent to an earlier address must not confirm the new one: only the newest link works.
        links.revokeAll(account.id(), MailTokenPurpose.EMAIL_CONFIRMATION);
        String link = links.issue(account, MailTokenPurpose.EMAIL_CONFIRMATION, mail.confirmationLifetime(), CONFIRM_PATH);
        String body = """
                Hello %s,

                please confirm your email address for your Wharf account by opening this link:

                %s

                The link works for %s. If you did not sign up for Wharf, ignore this mail.
                """.formatted(account.username(), link, Durations.describe(mail.confirmationLifetime()));
        return mailer.send(account.email(), "Confirm your email address for Wharf", body);
    }

    private Account account(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> ApiException.notFound("no user is named " + username));
    }
}
