package io.wharf.index.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Lets Spring Security's HTTP Basic support check credentials with the {@link CredentialVerifier}. */
@Component
public class CredentialAuthenticationProvider implements AuthenticationProvider {

    private final CredentialVerifier verifier;

    public CredentialAuthenticationProvider(CredentialVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String clientAddress = ClientAddresses.ClientAddress.of(authentication.getDetails());
        String secret = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        return new RequesterAuthentication(verifier.verify(authentication.getName(), secret, clientAddress));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
