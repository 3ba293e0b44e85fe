package io.wharf.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTokenVerificationTest {

    private static final String ISSUER = "wharf-index";
    private static final String SERVICE = "wharf-registry";

    private final ECKey key = generate("index-key");
    private final RegistryTokenVerification rule =
            new RegistryTokenVerification(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER, SERVICE);

    @Test
    void honoursAValidTokenUntilExpiryPlusThirtySeconds() throws Exception {
        Instant expiry = Instant.now().minusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        RegistryTokenVerification.VerifiedToken token =
                rule.verify(sign(key, JWSAlgorithm.ES256, claims().expirationTime(Date.from(expiry)).build()));

        assertThat(token.subject()).isEqualTo("alice");
        assertThat(token.access().allows("repository", "alice/app", "pull")).isTrue();
        assertThat(token.honouredUntil()).isEqualTo(expiry.plus(RegistryTokenVerification.CLOCK_SKEW));
    }

    @Test
    void refusesATokenMoreThanThirtySecondsPastItsExpiry() {
        String expired = sign(key, JWSAlgorithm.ES256,
                claims().expirationTime(Date.from(Instant.now().minusSeconds(40))).build());
        assertThatThrownBy(() -> rule.verify(expired)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void refusesATokenNotValidForMoreThanThirtySeconds() {
        String early = sign(key, JWSAlgorithm.ES256,
                claims().notBeforeTime(Date.from(Instant.now().plusSeconds(40))).build());
        assertThatThrownBy(() -> rule.verify(early)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void requiresExpiryIssuerAndAudience() {
        for (String claim : List.of(TokenClaims.EXPIRES_AT, TokenClaims.ISSUER, TokenClaims.AUDIENCE)) {
            JWTClaimsSet.Builder claims = claims();
            claims.claim(claim, null);
            String token = sign(key, JWSAlgorithm.ES256, claims.build());
            assertThatThrownBy(() -> rule.verify(token)).as(claim).isInstanceOf(BadJOSEException.class);
        }
        assertThatThrownBy(() -> rule.verify(sign(key, JWSAlgorithm.ES256, claims().issuer("other").build())))
                .isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> rule.verify(sign(key, JWSAlgorithm.ES256, claims().audience("other").build())))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void refusesUnsignedHmacAndForeignKeyTokens() throws Exception {
        String unsigned = new PlainJWT(claims().build()).serialize();
        String hmac = sign(new MACSigner(new byte[32]), JWSAlgorithm.HS256, "index-key", claims().build());
        String foreign = sign(generate("index-key"), JWSAlgorithm.ES256, claims().build());

        for (String token : List.of(unsigned, hmac, foreign)) {
            assertThatThrownBy(() -> rule.verify(token)).isInstanceOf(Exception.class);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience(SERVICE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim(TokenClaims.ACCESS, new GrantedAccess(
                        List.of(AccessEntry.repository("alice/app", "pull"))).toClaimValue());
    }

    private static String sign(ECKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(key), algorithm, key.getKeyID(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
