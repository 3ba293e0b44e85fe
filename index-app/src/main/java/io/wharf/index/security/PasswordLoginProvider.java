package io.wharf.index.security;

import io.wharf.index.accesstoken.AccessTokenService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The web UI's login form: a username and password, checked by the {@link CredentialVerifier} (with its
 * throttle and the locked-account rule). Access tokens are refused here: a session is a full sign-in, so
 * a read-only or soon-expiring token must not open one.
 */
class PasswordLoginProvider implements AuthenticationProvider {

    private final CredentialVerifier verifier;

    PasswordLoginProvider(CredentialVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (password.startsWith(AccessTokenService.SECRET_PREFIX)) {
            throw new BadCredentialsException("sign in with your password; access tokens are for clients such as docker");
        }
        String clientAddress = ClientAddresses.ClientAddress.of(authentication.getDetails());
        return new RequesterAuthentication(verifier.verify(authentication.getName(), password, clientAddress));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
