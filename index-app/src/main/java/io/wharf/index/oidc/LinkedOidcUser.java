package io.wharf.index.oidc;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person signed in through the provider, as the Wharf account linked to them: named by the account (so that
 * whatever keys sign-ins by name, such as "sign out everywhere", finds them), not by the provider's {@code sub}.
 */
public final class LinkedOidcUser extends DefaultOidcUser {

    private final long accountId;
    private final String username;

    LinkedOidcUser(OidcUser person, long accountId, String username) {
        super(person.getAuthorities(), person.getIdToken(), person.getUserInfo());
        this.accountId = accountId;
        this.username = username;
    }

    public long accountId() {
        return accountId;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinkedOidcUser linked && linked.accountId == accountId && super.equals(other);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId) * 31 + super.hashCode();
    }
}
