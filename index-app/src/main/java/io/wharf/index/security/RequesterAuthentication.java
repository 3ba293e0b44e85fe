package io.wharf.index.security;

import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.requester.VerifiedCredential;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What Spring Security keeps for a request that signed in: the {@link VerifiedCredential}. */
public class RequesterAuthentication extends AbstractAuthenticationToken {

    private final VerifiedCredential credential;

    public RequesterAuthentication(VerifiedCredential credential) {
        super(authorities(credential.requester()));
        this.credential = credential;
        setAuthenticated(true);
    }

    /** A web session's user, signed in with the password (see {@link WebSessionUsers}). */
    static RequesterAuthentication of(UserRequester user) {
        return new RequesterAuthentication(new VerifiedCredential(user, new CredentialSource.Password(user.accountId())));
    }

    private static List<GrantedAuthority> authorities(Requester requester) {
        return requester.administrator() ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of();
    }

    public Requester requester() {
        return credential.requester();
    }

    @Override
    public Object getPrincipal() {
        return credential.requester();
    }

    /** The secret is not kept after it was verified. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return credential.requester().name();
    }
}
