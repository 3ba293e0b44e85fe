package io.wharf.index.account;

import io.wharf.index.IndexProperties;
import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.error.FieldProblem;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.refreshtoken.RefreshTokens;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.requester.UserRequester;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User accounts: creation by administrators or self sign-up, flags, passwords. */
@Service
@Transactional
public class AccountService {

    private final Accounts accounts;
    private final NamespaceNames namespaceNames;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final RefreshTokens refreshTokens;
    private final PersistentTokenRepository rememberedLogins;
    private final Validator validator;
    private final AuditTrail auditTrail;
    private final IndexProperties.Signup signup;
    private final Clock clock;

    public AccountService(Accounts accounts, NamespaceNames namespaceNames, PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy, RefreshTokens refreshTokens, PersistentTokenRepository rememberedLogins,
            Validator validator, AuditTrail auditTrail, IndexProperties properties, Clock clock) {
        this.accounts = accounts;
        this.namespaceNames = namespaceNames;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.refreshTokens = refreshTokens;
        this.rememberedLogins = rememberedLogins;
        this.validator = validator;
        this.auditTrail = auditTrail;
        this.signup = properties.signup();
        this.clock = clock;
    }

    /**
     * Administrators create accounts with any flags; anonymous clients sign themselves up when sign-up is
     * enabled, as non-administrators whose address needs confirming if the index requires that (and does
     * not confirm addresses automatically). The request is validated here too, for callers such as the
     * web UI's forms: every field's problems at once, then whether the email address and username are free.
     */
    public AccountView create(Requester requester, CreateAccountRequest request) {
        requireValid(request);
        if (requester.administrator()) {
            return created(AuditActor.of(requester), "account.created", createAccount(request.username(),
                    request.email(), request.password(), Boolean.TRUE.equals(request.administrator()),
                    !Boolean.FALSE.equals(request.emailConfirmed())));
        }
        if (!(requester instanceof Requester.Anonymous)) {
            throw ApiException.forbidden("only administrators create accounts for others");
        }
        if (!signup.enabled()) {
            throw ApiException.forbidden("sign-up is disabled; ask an administrator for an account");
        }
        if (request.administrator() != null || request.emailConfirmed() != null) {
            throw ApiException.forbidden("only administrators may set administrator or emailConfirmed");
        }
        return created(AuditActor.ANONYMOUS, "account.signed-up", createAccount(request.username(), request.email(),
                request.password(), false, !signup.requireEmailConfirmation() || signup.autoConfirm()));
    }

    /**
     * Creates a confirmed administrator, as the bootstrap on first start does. Its name may be a reserved one, and its
     * password is not checked against the policy: the bootstrap warns about a weak one instead, so that an
     * installation keeps starting.
     */
    public AccountView createAdministrator(String username, String email, String password) {
        return created(AuditActor.SYSTEM, "account.created",
                createAccount(username, email, password, true, true, true));
    }

    private AccountView created(AuditActor actor, String action, Account account) {
        auditTrail.record(actor, action, AuditTarget.account(account.username()), Map.of(), Map.of(
                "email", account.email(), "administrator", account.administrator(),
                "emailConfirmed", account.emailConfirmed()));
        return AccountView.of(account);
    }

    /**
     * An account whose sign-in a directory (LDAP, an OpenID Connect provider) checks, created at its first sign-in:
     * its address is confirmed when the directory vouches for it, and its password is a random secret nobody knows,
     * so only the directory signs it in (and, with Docker, its access tokens).
     *
     * @throws ApiException 400 when the name breaks the naming rules, 409 when the name or address is taken
     */
    public Account createDirectoryAccount(String username, String email, boolean emailConfirmed,
            AuditActor directory) {
        Account account = createAccount(username, email, SecretTokens.generate(""), false, emailConfirmed);
        created(directory, "account.created", account);
        return account;
    }

    private Account createAccount(String username, String email, String password, boolean administrator,
            boolean emailConfirmed) {
        return createAccount(username, email, password, administrator, emailConfirmed, false);
    }

    private Account createAccount(String username, String email, String password, boolean administrator,
            boolean emailConfirmed, boolean builtIn) {
        String normalizedEmail = email.toLowerCase(Locale.ROOT);
        if (accounts.existsByEmail(normalizedEmail)) {
            throw ApiException.conflict("An account with this email address exists already.").onField("email");
        }
        if (builtIn) {
            namespaceNames.claimBuiltIn(username, NamespaceKind.USER);
        } else {
            try {
                namespaceNames.claim(username, NamespaceKind.USER);
            } catch (ApiException refused) {
                // Whatever the naming rules refuse (a malformed, taken or reserved name) is about the username.
                throw refused.onField("username");
            }
        }
        return accounts.save(new Account(username, normalizedEmail, passwordEncoder.encode(password),
                administrator, emailConfirmed, clock.instant()));
    }

    @Transactional(readOnly = true)
    public AccountView current(Requester requester) {
        return AccountView.of(account(Requesters.requireUser(requester).username()));
    }

    @Transactional(readOnly = true)
    public AccountView get(Requester requester, String username) {
        requireSelfOrAdministrator(requester, username);
        return AccountView.of(account(username));
    }

    @Transactional(readOnly = true)
    public List<AccountView> list(Requester requester) {
        Requesters.requireAdministrator(requester);
        return accounts.findAllByOrderByUsername().stream().map(AccountView::of).toList();
    }

    public AccountView update(Requester requester, String username, UpdateAccountRequest request) {
        Requesters.requireAdministrator(requester);
        Account account = account(username);
        boolean demotesOrLocksSelf = account.username().equals(requester.name())
                && (Boolean.TRUE.equals(request.locked()) || Boolean.FALSE.equals(request.administrator()));
        if (demotesOrLocksSelf) {
            // Otherwise the last administrator could lock everyone out of administration.
            throw ApiException.conflict("administrators cannot lock or demote themselves");
        }
        if (request.locked() != null && request.locked() != account.locked()) {
            account.setLocked(request.locked());
            recordFlag(requester, account, request.locked() ? "account.locked" : "account.unlocked", "locked",
                    request.locked());
        }
        if (request.administrator() != null && request.administrator() != account.administrator()) {
            account.setAdministrator(request.administrator());
            recordFlag(requester, account, request.administrator() ? "account.administrator-granted"
                    : "account.administrator-revoked", "administrator", request.administrator());
        }
        if (request.emailConfirmed() != null && request.emailConfirmed() != account.emailConfirmed()) {
            account.setEmailConfirmed(request.emailConfirmed());
            recordFlag(requester, account, request.emailConfirmed() ? "account.email-confirmed"
                    : "account.email-unconfirmed", "emailConfirmed", request.emailConfirmed());
        }
        accounts.saveFlags(account);
        if (account.locked()) {
            rememberedLogins.removeUserTokens(account.username());
        }
        return AccountView.of(account);
    }

    private void recordFlag(Requester requester, Account account, String action, String flag, boolean now) {
        auditTrail.record(requester, action, AuditTarget.account(account.username()), Map.of(flag, !now),
                Map.of(flag, now));
    }

    /**
     * Changes the password and revokes the refresh tokens (Docker identity tokens) made from the old one.
     * Users must give their current password; administrators changing someone else's need not.
     */
    public void changePassword(Requester requester, String username, ChangePasswordRequest request) {
        UserRequester user = requireSelfOrAdministrator(requester, username);
        Account account = account(username);
        boolean ownPassword = user.accountId() == account.id();
        if (ownPassword && (request.currentPassword() == null
                || !passwordEncoder.matches(request.currentPassword(), account.passwordHash()))) {
            throw ApiException.forbidden("The current password is wrong.").onField("currentPassword");
        }
        requirePasswordAllowed("newPassword", request.newPassword(), account);
        setPassword(account, request.newPassword());
        auditTrail.record(requester, "account.password-changed", AuditTarget.account(username), Map.of(), Map.of());
    }

    /**
     * Sets a new password through a reset link mailed to {@code mailedTo}, which the link proves to be the
     * user's: if it is still the account's address, the address counts as confirmed.
     */
    void resetPassword(Account account, String newPassword, String mailedTo) {
        requirePasswordAllowed("password", newPassword, account);
        setPassword(account, newPassword);
        // Whoever opened the mailed link did it: they need not be signed in.
        auditTrail.record(AuditActor.ANONYMOUS, "account.password-reset", AuditTarget.account(account.username()),
                Map.of(), Map.of());
        if (account.email().equals(mailedTo) && !account.emailConfirmed()) {
            account.setEmailConfirmed(true);
            accounts.saveFlags(account);
            recordFlag(Requester.ANONYMOUS, account, "account.email-confirmed", "emailConfirmed", true);
        }
    }

    /** Ends every sign-in made with the old password: refresh tokens (Docker identity tokens), remember-me logins. */
    private void setPassword(Account account, String newPassword) {
        account.changePasswordHash(passwordEncoder.encode(newPassword));
        accounts.savePasswordHash(account);
        refreshTokens.deleteMadeFromPassword(account.id());
        rememberedLogins.removeUserTokens(account.username());
    }

    /**
     * Changes the signed-in user's own email address, which then needs confirming again (when the index
     * requires confirmation and does not confirm automatically).
     */
    AccountView changeEmail(Requester requester, String newEmail, String currentPassword) {
        Account account = account(Requesters.requireUser(requester).username());
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw ApiException.forbidden("The current password is wrong.").onField("currentPassword");
        }
        String normalizedEmail = newEmail == null ? "" : newEmail.trim().toLowerCase(Locale.ROOT);
        List<FieldProblem> problems =
                FieldProblem.of(validator.validateValue(CreateAccountRequest.class, "email", normalizedEmail));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (normalizedEmail.equals(account.email())) {
            return AccountView.of(account);
        }
        if (accounts.existsByEmail(normalizedEmail)) {
            throw ApiException.conflict("An account with this email address exists already.").onField("email");
        }
        Map<String, Object> before = Map.of("email", account.email(), "emailConfirmed", account.emailConfirmed());
        account.changeEmail(normalizedEmail);
        account.setEmailConfirmed(!signup.requireEmailConfirmation() || signup.autoConfirm());
        accounts.saveEmail(account);
        auditTrail.record(requester, "account.email-changed", AuditTarget.account(account.username()), before,
                Map.of("email", account.email(), "emailConfirmed", account.emailConfirmed()));
        return AccountView.of(account);
    }

    /** The problems of every field at once: its constraints, the username's form and the password policy. */
    private void requireValid(CreateAccountRequest request) {
        List<FieldProblem> problems = new ArrayList<>(FieldProblem.of(validator.validate(request)));
        if (request.username() != null && !request.username().isBlank() && !NamespaceNames.isValid(request.username())) {
            problems.add(new FieldProblem("username", "The username " + NamespaceNames.RULE_DESCRIPTION + "."));
        }
        if (request.password() != null) {
            passwordPolicy.problem(request.password(), request.username(), request.email())
                    .ifPresent(problem -> problems.add(new FieldProblem("password", problem)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private void requirePasswordAllowed(String field, String password, Account account) {
        passwordPolicy.problem(password, account.username(), account.email()).ifPresent(problem -> {
            throw ApiException.invalid(List.of(new FieldProblem(field, problem)));
        });
    }

    private UserRequester requireSelfOrAdministrator(Requester requester, String username) {
        UserRequester user = Requesters.requireUser(requester);
        if (!user.administrator() && !user.username().equals(username)) {
            throw ApiException.forbidden("only administrators may see or change other accounts");
        }
        return user;
    }

    private Account account(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> ApiException.notFound("no user is named " + username));
    }
}
