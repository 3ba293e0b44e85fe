package io.wharf.index.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.index.IndexProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs registry bearer tokens: JWTs in the layout of {@code docker-auth-jwt.md} ({@link TokenClaims}),
 * with {@code typ: JWT}, {@code alg: ES256} and the signing key's {@code kid} in the header.
 */
@Component
public class RegistryTokenIssuer {

    private final ECKey key;
    private final JWSSigner signer;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    public RegistryTokenIssuer(SigningKeyStore keys, IndexProperties properties, Clock clock) throws JOSEException {
        this.key = keys.signingKey();
        this.signer = new ECDSASigner(key);
        this.issuer = properties.token().issuer();
        this.audience = properties.token().service();
        this.lifetime = properties.token().lifetime();
        this.clock = clock;
    }

    /** A signed token that grants {@code access} to {@code subject} ({@code ""} for anonymous clients). */
    public IssuedToken issue(String subject, List<AccessEntry> access) {
        return issue(subject, access, List.of());
    }

    /** {@link #issue(String, List)}, saying why what was asked for and left out of {@code access} was refused. */
    public IssuedToken issue(String subject, List<AccessEntry> access, List<AccessRefusal> refusals) {
        // JWT times are whole seconds; issued_at in the answer must be the same instant as "iat".
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.ACCESS, new GrantedAccess(access).toClaimValue());
        if (!refusals.isEmpty()) {
            claims.claim(TokenClaims.REFUSALS, AccessRefusal.toClaimValue(refusals));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a registry token", e);
        }
        return new IssuedToken(jwt.serialize(), now, lifetime);
    }

    public record IssuedToken(String jwt, Instant issuedAt, Duration lifetime) {
    }
}
