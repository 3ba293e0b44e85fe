package io.wharf.index.account;

import java.time.Instant;

public record AccountView(
        String username, String email, boolean administrator, boolean emailConfirmed, boolean locked, Instant createdAt) {

    static AccountView of(Account account) {
        return new AccountView(account.username(), account.email(), account.administrator(),
                account.emailConfirmed(), account.locked(), account.createdAt());
    }
}
