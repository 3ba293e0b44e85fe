package io.wharf.index.account;

import io.wharf.index.IndexProperties;
import io.wharf.index.api.ApiException;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.security.Requester;
import io.wharf.index.security.Requesters;
import io.wharf.index.security.UserRequester;
import io.wharf.index.token.RefreshTokenService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
    private final RefreshTokenService refreshTokens;
    private final PersistentTokenRepository rememberedLogins;
    private final Validator validator;
    private final IndexProperties.Signup signup;
    private final Clock clock;

    public AccountService(Accounts accounts, NamespaceNames namespaceNames, PasswordEncoder passwordEncoder,
            RefreshTokenService refreshTokens, PersistentTokenRepository rememberedLogins, Validator validator,
            IndexProperties properties, Clock clock) {
        this.accounts = accounts;
        this.namespaceNames = namespaceNames;
        this.passwordEncoder = passwordEncoder;
        this.refreshTokens = refreshTokens;
        this.rememberedLogins = rememberedLogins;
        this.validator = validator;
        this.signup = properties.signup();
        this.clock = clock;
    }

    /**
     * Administrators create accounts with any flags; anonymous clients sign themselves up when sign-up is
     * enabled, as non-administrators whose address needs confirming if the index requires that (and does
     * not confirm addresses automatically). The request is validated here too, for callers such as the
     * web UI's forms.
     */
    public AccountView create(Requester requester, CreateAccountRequest request) {
        requireValid(request);
        if (requester.administrator()) {
            return AccountView.of(createAccount(request.username(), request.email(), request.password(),
                    Boolean.TRUE.equals(request.administrator()), !Boolean.FALSE.equals(request.emailConfirmed())));
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
        return AccountView.of(createAccount(request.username(), request.email(), request.password(),
                false, !signup.requireEmailConfirmation() || signup.autoConfirm()));
    }

    /** Creates a confirmed administrator, as the bootstrap on first start does; its name may be a reserved one. */
    public AccountView createAdministrator(String username, String email, String password) {
        return AccountView.of(createAccount(username, email, password, true, true, true));
    }

    private Account createAccount(String username, String email, String password, boolean administrator,
            boolean emailConfirmed) {
        return createAccount(username, email, password, administrator, emailConfirmed, false);
    }

    private Account createAccount(String username, String email, String password, boolean administrator,
            boolean emailConfirmed, boolean builtIn) {
        PasswordPolicy.violation(password).ifPresent(violation -> {
            throw ApiException.badRequest(violation);
        });
        String normalizedEmail = email.toLowerCase(Locale.ROOT);
        if (accounts.existsByEmail(normalizedEmail)) {
            throw ApiException.conflict("an account with this email address exists");
        }
        if (builtIn) {
            namespaceNames.claimBuiltIn(username, NamespaceKind.USER);
        } else {
            namespaceNames.claim(username, NamespaceKind.USER);
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
        if (request.locked() != null) {
            account.setLocked(request.locked());
        }
        if (request.administrator() != null) {
            account.setAdministrator(request.administrator());
        }
        if (request.emailConfirmed() != null) {
            account.setEmailConfirmed(request.emailConfirmed());
        }
        if (account.locked()) {
            rememberedLogins.removeUserTokens(account.username());
        }
        return AccountView.of(account);
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
            throw ApiException.forbidden("the current password is wrong");
        }
        PasswordPolicy.violation(request.newPassword()).ifPresent(violation -> {
            throw ApiException.badRequest(violation);
        });
        setPassword(account, request.newPassword());
    }

    /**
     * Sets a new password through a reset link mailed to {@code mailedTo}, which the link proves to be the
     * user's: if it is still the account's address, the address counts as confirmed.
     */
    void resetPassword(Account account, String newPassword, String mailedTo) {
        PasswordPolicy.violation(newPassword).ifPresent(violation -> {
            throw ApiException.badRequest(violation);
        });
        setPassword(account, newPassword);
        if (account.email().equals(mailedTo)) {
            account.setEmailConfirmed(true);
        }
    }

    /** Ends every sign-in made with the old password: refresh tokens (Docker identity tokens), remember-me logins. */
    private void setPassword(Account account, String newPassword) {
        account.changePasswordHash(passwordEncoder.encode(newPassword));
        refreshTokens.revokeMadeFromPassword(account.id());
        rememberedLogins.removeUserTokens(account.username());
    }

    /**
     * Changes the signed-in user's own email address, which then needs confirming again (when the index
     * requires confirmation and does not confirm automatically).
     */
    AccountView changeEmail(Requester requester, String newEmail, String currentPassword) {
        Account account = account(Requesters.requireUser(requester).username());
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw ApiException.forbidden("the current password is wrong");
        }
        String normalizedEmail = newEmail == null ? "" : newEmail.trim().toLowerCase(Locale.ROOT);
        requireValid(validator.validateValue(CreateAccountRequest.class, "email", normalizedEmail));
        if (normalizedEmail.equals(account.email())) {
            return AccountView.of(account);
        }
        if (accounts.existsByEmail(normalizedEmail)) {
            throw ApiException.conflict("an account with this email address exists");
        }
        account.changeEmail(normalizedEmail);
        account.setEmailConfirmed(!signup.requireEmailConfirmation() || signup.autoConfirm());
        return AccountView.of(account);
    }

    private void requireValid(CreateAccountRequest request) {
        requireValid(validator.validate(request));
    }

    private static <T> void requireValid(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations.stream()
                    .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
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
