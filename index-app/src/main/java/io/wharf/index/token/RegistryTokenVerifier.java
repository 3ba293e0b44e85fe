package io.wharf.index.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.index.IndexProperties;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verifies registry tokens that this index issued, as the registry does, when clients bring them back
 * to the index ({@code docker search} through the registry): signature with the index's own key,
 * issuer, audience = the configured service, expiry.
 */
@Component
public class RegistryTokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public RegistryTokenVerifier(SigningKeyStore keys, IndexProperties properties) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicKeys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                properties.token().service(),
                new JWTClaimsSet.Builder().issuer(properties.token().issuer()).build(),
                Set.of(TokenClaims.EXPIRES_AT)));
    }

    /** The token's subject and access, or nothing when it is not a valid token of this index. */
    public Optional<VerifiedToken> verify(String jwt) {
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            return Optional.of(new VerifiedToken(
                    claims.getSubject(), GrantedAccess.fromClaimValue(claims.getClaim(TokenClaims.ACCESS))));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException rejected) {
            return Optional.empty();
        }
    }

    /** @param subject the username, a robot's full name, or {@code ""} for an anonymous client */
    public record VerifiedToken(String subject, GrantedAccess access) {
    }
}
