package io.wharf.index.token;

import io.wharf.index.credential.CredentialVerifier;
import io.wharf.index.refreshtoken.RefreshToken;
import io.wharf.index.refreshtoken.RefreshTokens;
import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.requester.VerifiedCredential;
import java.time.Clock;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh tokens: issued on request to clients that signed in, redeemed for registry tokens without
 * the password, revoked with the credential that created them. Only their SHA-256 is stored.
 */
@Service
@Transactional
public class RefreshTokenService {

    private final RefreshTokens refreshTokens;
    private final CredentialVerifier verifier;
    private final Clock clock;

    public RefreshTokenService(RefreshTokens refreshTokens, CredentialVerifier verifier, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** A new refresh token for the credential; the secret is returned once and stored only hashed. */
    public String issue(CredentialSource source, String clientId) {
        String secret = SecretTokens.generate(SecretTokens.REFRESH_TOKEN_PREFIX);
        refreshTokens.save(new RefreshToken(SecretTokens.hash(secret), source, clientId, clock.instant()));
        return secret;
    }

    /**
     * The credential behind a refresh token, checked again (the account may be locked since, the access
     * token revoked or expired). Not throttled: 256 random bits cannot be guessed, and a throttle without a
     * name could only count per address, which would hold up everyone behind one proxy.
     *
     * @throws BadCredentialsException when unknown or revoked
     */
    public VerifiedCredential redeem(String secret) {
        return refreshTokens.findBySecretHash(SecretTokens.hash(secret))
                .flatMap(token -> verifier.revalidate(token.source()).map(credential -> {
                    refreshTokens.markUsed(token, clock.instant());
                    return credential;
                }))
                .orElseThrow(() -> new BadCredentialsException("invalid refresh token"));
    }
}
