package io.wharf.contract.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The one rule by which a registry token (see {@link TokenClaims}) is honoured, by the registry for every request and
 * by the index when a client brings one back to search:
 * <ul>
 *   <li>signed with {@link #ALGORITHMS} by one of the index's keys (never {@code alg: none}, never HMAC);</li>
 *   <li>{@code exp}, {@code iss} and {@code aud} present; {@code iss} the index's issuer, {@code aud} the registry's
 *       service;</li>
 *   <li>not yet expired and, when it has {@code nbf}, already valid, each allowing {@link #CLOCK_SKEW} for the
 *       difference between the index's clock and the verifier's: a token is honoured up to 30 s after its
 *       {@code exp}, and never later.</li>
 * </ul>
 */
public final class RegistryTokenVerification {

    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    public static final Set<String> REQUIRED_CLAIMS =
            Set.of(TokenClaims.EXPIRES_AT, TokenClaims.ISSUER, TokenClaims.AUDIENCE);
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param keys the index's public keys
     * @param issuer the {@code iss} tokens must carry
     * @param service the registry's service name, which {@code aud} must be
     */
    public RegistryTokenVerification(JWKSource<SecurityContext> keys, String issuer, String service) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(service,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * The token's holder, grant and refusals, if the rule honours it now.
     *
     * @throws com.nimbusds.jose.KeySourceException when the keys cannot be had (a kind of {@link JOSEException})
     */
    public VerifiedToken verify(String token) throws ParseException, BadJOSEException, JOSEException {
        JWTClaimsSet claims = processor.process(token, null);
        return new VerifiedToken(claims.getSubject(), GrantedAccess.fromClaimValue(claims.getClaim(TokenClaims.ACCESS)),
                AccessRefusal.fromClaimValue(claims.getClaim(TokenClaims.REFUSALS)),
                claims.getExpirationTime().toInstant().plus(CLOCK_SKEW));
    }

    /**
     * @param subject the username, a robot's full name, or {@code ""} for an anonymous client
     * @param refusals why the index granted less than was asked, per repository
     * @param honouredUntil the last instant the rule honours this token: its {@code exp} plus the clock skew
     */
    public record VerifiedToken(String subject, GrantedAccess access, List<AccessRefusal> refusals,
            Instant honouredUntil) {
    }
}
