package io.wharf.index.credential;

import io.wharf.index.IndexProperties;
import io.wharf.index.accesstoken.AccessToken;
import io.wharf.index.accesstoken.AccessTokens;
import io.wharf.index.accesstoken.Robot;
import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.directory.LdapSignIn;
import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.RobotRequester;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.requester.VerifiedCredential;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Checks a name and a secret, where the secret is either the account's password or an access token of
 * the account or robot of that name. Used by HTTP Basic on the REST API and by the Docker token service.
 *
 * <p>Every failure looks the same to the client, whether the name exists or not. Failed passwords count towards
 * the {@link LoginThrottle} for that name from that address. Access tokens are neither throttled nor counted:
 * their 256 random bits cannot be guessed, and so failed passwords for a name never block its tokens. A locked
 * account cannot sign in at all, and is told so once its password is right.
 *
 * <p>With an LDAP directory ({@link LdapSignIn}), names without a local account and the directory's accounts sign in
 * with the directory's password; local accounts, the administrator among them, keep their own. Refresh tokens and
 * access tokens of a directory account work only while the directory still has the user, enabled.
 *
 * <p>The account (its lock, roles, and whether it exists) and access tokens are read afresh on every check;
 * only the slow password hash is skipped for a password that matched recently ({@link PasswordChecks}).
 */
@Service
public class CredentialVerifier {

    public static final String INVALID_CREDENTIALS = "invalid username or password: check both (an access token "
            + "works as the password too), or reset the password on the index's login page";
    public static final String ACCOUNT_LOCKED = "this account is locked: ask an administrator of this registry to unlock it";

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final PasswordChecks passwords;
    private final LoginThrottle throttle;
    private final LdapSignIn ldap;
    private final Clock clock;
    private final boolean requireEmailConfirmation;
    /**
     * Compared against for unknown names, so that they cost as much time as known ones. Hashed at the first
     * unknown name, not at start (as Spring Security's own DaoAuthenticationProvider does): a BCrypt hash in the
     * JVM's first seconds, not yet compiled, took 0.1-0.5 CPU s of the index's start.
     */
    private final SingletonSupplier<String> unknownAccountHash;

    public CredentialVerifier(Accounts accounts, AccessTokens accessTokens, PasswordChecks passwords,
            PasswordEncoder passwordEncoder, LoginThrottle throttle, LdapSignIn ldap, Clock clock,
            IndexProperties properties) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.ldap = ldap;
        this.clock = clock;
        this.requireEmailConfirmation = properties.signup().requireEmailConfirmation();
        this.unknownAccountHash = SingletonSupplier.of(() -> passwordEncoder.encode(SecretTokens.generate("")));
    }

    /**
     * @throws LoginThrottledException when this name failed too often from this address recently
     * @throws BadCredentialsException when the name and secret do not match an account or a valid token
     * @throws LockedException when the password is right but the account is locked
     */
    @Transactional
    public VerifiedCredential verify(String username, String secret, String clientAddress) {
        if (secret.startsWith(SecretTokens.ACCESS_TOKEN_PREFIX)) {
            Optional<AccessToken> token = accessTokens.findBySecretHash(SecretTokens.hash(secret))
                    .filter(found -> found.ownerName().equals(username));
            if (token.flatMap(AccessToken::account).map(Account::locked).orElse(false)) {
                throw new LockedException(ACCOUNT_LOCKED);
            }
            return token.flatMap(this::useAccessToken)
                    .orElseThrow(() -> new BadCredentialsException(INVALID_CREDENTIALS));
        }
        throttle.checkAllowed(username, clientAddress);
        Optional<Account> account = accounts.findByUsername(username);
        if (ldap.signsIn(account)) {
            account = ldap.signIn(username, secret);
        } else if (!passwords.matches(secret, account.map(Account::passwordHash).orElseGet(unknownAccountHash))) {
            ldap.refuseDirectoryUserOfLocalName(username, secret);
            account = Optional.empty();
        }
        if (account.isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            throw new BadCredentialsException(INVALID_CREDENTIALS);
        }
        throttle.recordSuccess(username, clientAddress);
        if (account.get().locked()) {
            throw new LockedException(ACCOUNT_LOCKED);
        }
        return passwordCredential(account.get());
    }

    /**
     * Checks that a credential remembered by a refresh token still holds: the account is not locked, the
     * access token is neither revoked nor expired. Permissions are looked up afresh, so a refresh token
     * never carries stale rights.
     */
    @Transactional
    public Optional<VerifiedCredential> revalidate(CredentialSource source) {
        if (source instanceof CredentialSource.Password password) {
            return accounts.findById(password.accountId())
                    .filter(account -> !account.locked() && ldap.stillAllowed(account))
                    .map(this::passwordCredential);
        }
        long tokenId = ((CredentialSource.AccessTokenSecret) source).accessTokenId();
        return accessTokens.findById(tokenId).flatMap(this::useAccessToken);
    }

    /**
     * The user a verified registry token names, if the account still exists and is not locked. The token
     * does not say which credential it came from, so the requester is treated as read-only.
     */
    @Transactional(readOnly = true)
    public Optional<Requester> tokenSubject(String username) {
        return accounts.findByUsername(username)
                .filter(account -> !account.locked())
                .map(account -> userRequester(account, true));
    }

    private Optional<VerifiedCredential> useAccessToken(AccessToken token) {
        Instant now = clock.instant();
        if (token.isExpiredAt(now)
                || token.account().map(account -> account.locked() || !ldap.stillAllowed(account)).orElse(false)) {
            return Optional.empty();
        }
        accessTokens.markUsed(token, now);
        Requester requester = token.account()
                .<Requester>map(account -> userRequester(account, token.readOnly()))
                .orElseGet(() -> robotRequester(token.robot().orElseThrow(), token.readOnly()));
        return Optional.of(new VerifiedCredential(requester, new CredentialSource.AccessTokenSecret(token.id())));
    }

    private VerifiedCredential passwordCredential(Account account) {
        return new VerifiedCredential(userRequester(account, false), new CredentialSource.Password(account.id()));
    }

    public UserRequester userRequester(Account account, boolean readOnly) {
        return new UserRequester(
                account.id(), account.username(), account.administrator(), confirmationPending(account), readOnly);
    }

    /** A robot, restricted as the user who owns its namespace is (an organization's robot has no such owner). */
    private RobotRequester robotRequester(Robot robot, boolean readOnly) {
        Optional<Account> owner = accounts.findByUsername(robot.namespace());
        return new RobotRequester(robot.id(), robot.namespace(), robot.fullName(), readOnly,
                owner.map(Account::locked).orElse(false), owner.map(this::confirmationPending).orElse(false));
    }

    private boolean confirmationPending(Account account) {
        return requireEmailConfirmation && !account.emailConfirmed();
    }
}
