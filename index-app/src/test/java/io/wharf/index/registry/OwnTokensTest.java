package io.wharf.index.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.index.IndexProperties;
import io.wharf.index.MutableClock;
import io.wharf.index.signing.RegistryTokenIssuer;
import io.wharf.index.signing.SigningKeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnTokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_KEPT = 8;
    private static final AccessEntry PULL_APP = AccessEntry.repository("acme/app", AccessEntry.PULL);

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private OwnTokens tokens;

    @BeforeEach
    void issuer() throws Exception {
        Path keyFile = dataDir.resolve("token-signing-key.json");
        IndexProperties properties = new IndexProperties(null, null, null,
                new IndexProperties.Token("wharf-index", "wharf-registry", LIFETIME, keyFile, false),
                null, null, null, null);
        RegistryTokenIssuer issuer = new RegistryTokenIssuer(new SigningKeyStore(keyFile), properties, clock);
        tokens = new OwnTokens(issuer, clock, MAX_KEPT);
    }

    @Test
    void aScopeGetsTheSameTokenWhileHalfItsLifetimeIsLeft() throws Exception {
        String first = tokens.grant(PULL_APP);
        clock.advance(LIFETIME.dividedBy(2).minusSeconds(1));

        assertThat(tokens.grant(PULL_APP)).isEqualTo(first);
        var claims = SignedJWT.parse(first).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(TokenClaims.INDEX_SUBJECT);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(claims.toJSONObject().get(TokenClaims.ACCESS).toString()).contains("acme/app", "pull");
    }

    @Test
    void aTokenWithLessThanHalfItsLifetimeLeftIsReplaced() throws Exception {
        String first = tokens.grant(PULL_APP);
        clock.advance(LIFETIME.dividedBy(2));

        String second = tokens.grant(PULL_APP);

        assertThat(second).isNotEqualTo(first);
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(Instant.parse("2026-12-07T10:07:30Z"));
        assertThat(tokens.grant(PULL_APP)).isEqualTo(second);
    }

    @Test
    void eachScopeHasItsOwnToken() throws Exception {
        String app = tokens.grant(PULL_APP);
        String other = tokens.grant(AccessEntry.repository("acme/other", AccessEntry.PULL));

        assertThat(other).isNotEqualTo(app);
        assertThat(SignedJWT.parse(other).getJWTClaimsSet().toJSONObject().get(TokenClaims.ACCESS).toString())
                .contains("acme/other").doesNotContain("acme/app");
    }

    @Test
    void keepsABoundedNumberOfScopes() {
        String first = tokens.grant(PULL_APP);
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < MAX_KEPT; i++) {
            issued.add(tokens.grant(AccessEntry.repository("acme/r" + i, AccessEntry.PULL)));
        }

        assertThat(issued).hasSize(MAX_KEPT);
        assertThat(tokens.grant(PULL_APP)).as("forgotten with the others when the bound was reached")
                .isNotEqualTo(first);
    }
}
