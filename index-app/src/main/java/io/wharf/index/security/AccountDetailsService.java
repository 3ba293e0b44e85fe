package io.wharf.index.security;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.requester.Requester;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Accounts as Spring Security's remember-me support wants them. Deliberately not a bean: a
 * {@link UserDetailsService} bean would give Spring Security a second, unthrottled way to check passwords.
 */
class AccountDetailsService implements UserDetailsService {

    private final Accounts accounts;

    AccountDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return new AccountDetails(account);
    }

    /** A remembered account; the session filter turns it into the account's {@link Requester}. */
    static final class AccountDetails extends User {

        private final long accountId;

        AccountDetails(Account account) {
            super(account.username(), account.passwordHash(), true, true, true, !account.locked(), List.of());
            this.accountId = account.id();
        }

        long accountId() {
            return accountId;
        }
    }
}
