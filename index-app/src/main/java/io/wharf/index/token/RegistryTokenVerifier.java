package io.wharf.index.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import io.wharf.contract.auth.RegistryTokenVerification;
import io.wharf.contract.auth.RegistryTokenVerification.VerifiedToken;
import io.wharf.index.IndexProperties;
import java.text.ParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Verifies registry tokens that this index issued, by the same rule as the registry, when clients bring them back
 * to the index ({@code docker search} through the registry), against the index's own keys.
 */
@Component
public class RegistryTokenVerifier {

    private final RegistryTokenVerification rule;

    public RegistryTokenVerifier(SigningKeyStore keys, IndexProperties properties) {
        rule = new RegistryTokenVerification(new ImmutableJWKSet<>(keys.publicKeys()),
                properties.token().issuer(), properties.token().service());
    }

    /** The token's subject and access, or nothing when the rule does not honour it. */
    public Optional<VerifiedToken> verify(String jwt) {
        try {
            return Optional.of(rule.verify(jwt));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException rejected) {
            return Optional.empty();
        }
    }
}
