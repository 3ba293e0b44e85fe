package io.wharf.index.accesstoken;

import io.wharf.index.account.Accounts;
import io.wharf.index.api.ApiException;
import io.wharf.index.security.SecretTokens;
import io.wharf.index.token.RefreshTokenService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens of users and robots: usable as the password for {@code docker login} and HTTP Basic,
 * limited by their scope, optionally expiring, revocable. Revoking one also revokes the refresh tokens
 * (Docker identity tokens) that were obtained with it.
 */
@Service
@Transactional
public class AccessTokenService {

    /** Marks a secret as an access token, so that sign-in knows not to compare it with the password. */
    public static final String SECRET_PREFIX = "wharf_pat_";

    private final AccessTokens accessTokens;
    private final Accounts accounts;
    private final Robots robots;
    private final RefreshTokenService refreshTokens;
    private final Clock clock;

    public AccessTokenService(AccessTokens accessTokens, Accounts accounts, Robots robots,
            RefreshTokenService refreshTokens, Clock clock) {
        this.accessTokens = accessTokens;
        this.accounts = accounts;
        this.robots = robots;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** Creates a token; the answer holds the secret, which is not shown again. */
    public AccessTokenView create(TokenOwner owner, CreateAccessTokenRequest request) {
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.badRequest("The expiry date must be in the future.").onField("expiresAt");
        }
        String secret = SecretTokens.generate(SECRET_PREFIX);
        String hash = SecretTokens.hash(secret);
        AccessToken token = owner instanceof TokenOwner.OfAccount account
                ? AccessToken.ofAccount(accounts.getReferenceById(account.accountId()),
                        request.name(), hash, request.scope(), request.expiresAt(), now)
                : AccessToken.ofRobot(robots.getReferenceById(((TokenOwner.OfRobot) owner).robotId()),
                        request.name(), hash, request.scope(), request.expiresAt(), now);
        return AccessTokenView.withSecret(accessTokens.save(token), secret);
    }

    @Transactional(readOnly = true)
    public List<AccessTokenView> list(TokenOwner owner) {
        return tokensOf(owner).stream().map(AccessTokenView::of).toList();
    }

    public void revoke(TokenOwner owner, long tokenId) {
        AccessToken token = tokensOf(owner).stream()
                .filter(candidate -> candidate.id() == tokenId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no access token " + tokenId));
        delete(token);
    }

    public void revokeAll(TokenOwner owner) {
        tokensOf(owner).forEach(this::delete);
    }

    private void delete(AccessToken token) {
        refreshTokens.revokeMadeFromAccessToken(token.id());
        accessTokens.delete(token);
    }

    private List<AccessToken> tokensOf(TokenOwner owner) {
        if (owner instanceof TokenOwner.OfAccount account) {
            return accessTokens.findByAccountIdOrderByCreatedAtAscIdAsc(account.accountId());
        }
        return accessTokens.findByRobotIdOrderByCreatedAtAscIdAsc(((TokenOwner.OfRobot) owner).robotId());
    }
}
