package io.wharf.index.security;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.credential.CredentialVerifier;
import io.wharf.index.directory.DirectoryUnavailableException;
import io.wharf.index.directory.LdapSignIn;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.requester.UserRequester;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a web session belongs to, looked up afresh at every request, so that locking an account, changing
 * its administrator flag or confirming its email takes effect at once. A session also ends when the
 * password changed since the session signed in (other than by the session itself), or when the account was
 * signed out everywhere: its "stamp", a hash of the password hash and the account's session generation, no
 * longer matches.
 */
@Service
public class WebSessionUsers {

    /** Session attribute: the stamp the session signed in with. */
    static final String SESSION_STAMP = WebSessionUsers.class.getName() + ".sessionStamp";

    private final Accounts accounts;
    private final CredentialVerifier verifier;
    private final PersistentTokenRepository rememberedLogins;
    private final AuditTrail auditTrail;
    private final LdapSignIn ldap;

    public WebSessionUsers(Accounts accounts, CredentialVerifier verifier, PersistentTokenRepository rememberedLogins,
            AuditTrail auditTrail, LdapSignIn ldap) {
        this.accounts = accounts;
        this.ldap = ldap;
        this.auditTrail = auditTrail;
        this.verifier = verifier;
        this.rememberedLogins = rememberedLogins;
    }

    /**
     * The session's user and stamp now, or empty when the session must end. A directory user's session ends once the
     * directory disables them (checked as often as {@code wharf.index.ldap.recheck-after} allows); while the directory
     * does not answer, sessions go on, as nobody can sign in anew.
     */
    @Transactional
    public Optional<SessionUser> current(long accountId, String expectedStamp) {
        return accounts.findById(accountId)
                .filter(account -> !account.locked())
                .filter(this::directoryStillAllows)
                .filter(account -> expectedStamp == null || expectedStamp.equals(sessionStamp(account)))
                .map(account -> new SessionUser(verifier.userRequester(account, false), sessionStamp(account)));
    }

    private boolean directoryStillAllows(Account account) {
        try {
            return ldap.stillAllowed(account);
        } catch (DirectoryUnavailableException unanswered) {
            return true;
        }
    }

    /** Keeps this session signed in after its own user changed the password (other sessions end). */
    @Transactional(readOnly = true)
    public void keepSignedIn(HttpSession session, long accountId) {
        accounts.findById(accountId).ifPresent(account -> session.setAttribute(SESSION_STAMP, sessionStamp(account)));
    }

    /**
     * Ends every web sign-in of the account: its remember-me logins at once, its sessions at their next request.
     * Docker logins (refresh tokens) stay: they are no browser's, and the password still guards them. The index
     * does it by itself, for {@code reason}; the entry's address is the request's that set it off.
     */
    @Transactional
    public void signOutEverywhere(String username, String reason) {
        rememberedLogins.removeUserTokens(username);
        accounts.findByUsername(username).ifPresent(account -> {
            accounts.endAllSessions(account);
            auditTrail.record(AuditActor.SYSTEM, "account.signed-out-everywhere", AuditTarget.account(username),
                    Map.of(), Map.of("reason", reason));
        });
    }

    private static String sessionStamp(Account account) {
        return SecretTokens.hash(account.passwordHash() + "/" + account.sessionGeneration());
    }

    public record SessionUser(UserRequester requester, String sessionStamp) {
    }
}
