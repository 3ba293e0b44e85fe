package io.wharf.index.security;

import io.wharf.index.account.Accounts;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a web session belongs to, looked up afresh at every request, so that locking an account, changing
 * its administrator flag or confirming its email takes effect at once. A session also ends when the
 * password changed since the session signed in (other than by the session itself): its "password stamp",
 * a hash of the password hash, no longer matches.
 */
@Service
public class WebSessionUsers {

    /** Session attribute: the password stamp the session signed in with. */
    static final String PASSWORD_STAMP = WebSessionUsers.class.getName() + ".passwordStamp";

    private final Accounts accounts;
    private final CredentialVerifier verifier;

    public WebSessionUsers(Accounts accounts, CredentialVerifier verifier) {
        this.accounts = accounts;
        this.verifier = verifier;
    }

    /** The session's user and stamp now, or empty when the session must end. */
    @Transactional(readOnly = true)
    public Optional<SessionUser> current(long accountId, String expectedStamp) {
        return accounts.findById(accountId)
                .filter(account -> !account.locked())
                .filter(account -> expectedStamp == null || expectedStamp.equals(passwordStamp(account.passwordHash())))
                .map(account -> new SessionUser(verifier.userRequester(account, false), passwordStamp(account.passwordHash())));
    }

    /** Keeps this session signed in after its own user changed the password (other sessions end). */
    @Transactional(readOnly = true)
    public void keepSignedIn(HttpSession session, long accountId) {
        accounts.findById(accountId)
                .ifPresent(account -> session.setAttribute(PASSWORD_STAMP, passwordStamp(account.passwordHash())));
    }

    private static String passwordStamp(String passwordHash) {
        return SecretTokens.hash(passwordHash);
    }

    public record SessionUser(UserRequester requester, String passwordStamp) {
    }
}
