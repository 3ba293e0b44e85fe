package io.wharf.index.accesstoken;

import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.refreshtoken.RefreshTokens;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final AccessTokens accessTokens;
    private final Accounts accounts;
    private final Robots robots;
    private final RefreshTokens refreshTokens;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public AccessTokenService(AccessTokens accessTokens, Accounts accounts, Robots robots,
            RefreshTokens refreshTokens, AuditTrail auditTrail, Clock clock) {
        this.auditTrail = auditTrail;
        this.accessTokens = accessTokens;
        this.accounts = accounts;
        this.robots = robots;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** Creates a token for {@code requester}; the answer holds the secret, which is not shown again. */
    public AccessTokenView create(Requester requester, TokenOwner owner, CreateAccessTokenRequest request) {
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.badRequest("The expiry date must be in the future.").onField("expiresAt");
        }
        String secret = SecretTokens.generate(SecretTokens.ACCESS_TOKEN_PREFIX);
        String hash = SecretTokens.hash(secret);
        AccessToken token = owner instanceof TokenOwner.OfAccount account
                ? AccessToken.ofAccount(accounts.findById(account.accountId()).orElseThrow(),
                        request.name(), hash, request.scope(), request.expiresAt(), now)
                : AccessToken.ofRobot(robots.findById(((TokenOwner.OfRobot) owner).robotId()).orElseThrow(),
                        request.name(), hash, request.scope(), request.expiresAt(), now);
        AccessToken saved = accessTokens.save(token);
        auditTrail.record(requester, "access-token.created", target(saved), Map.of(), facts(saved));
        return AccessTokenView.withSecret(saved, secret);
    }

    @Transactional(readOnly = true)
    public List<AccessTokenView> list(TokenOwner owner) {
        return tokensOf(owner).stream().map(AccessTokenView::of).toList();
    }

    public void revoke(Requester requester, TokenOwner owner, long tokenId) {
        AccessToken token = tokensOf(owner).stream()
                .filter(candidate -> candidate.id() == tokenId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no access token " + tokenId));
        auditTrail.record(requester, "access-token.revoked", target(token), facts(token), Map.of());
        delete(token);
    }

    private static AuditTarget target(AccessToken token) {
        return AuditTarget.accessToken(token.ownerName(), token.name());
    }

    /** What tells the token apart and what it may do: never its secret or hash. */
    private static Map<String, Object> facts(AccessToken token) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", token.id());
        facts.put("scope", token.scope());
        facts.put("expiresAt", token.expiresAt().map(Instant::toString).orElse(null));
        return facts;
    }

    public void revokeAll(TokenOwner owner) {
        tokensOf(owner).forEach(this::delete);
    }

    private void delete(AccessToken token) {
        refreshTokens.deleteMadeFromAccessToken(token.id());
        accessTokens.delete(token);
    }

    private List<AccessToken> tokensOf(TokenOwner owner) {
        if (owner instanceof TokenOwner.OfAccount account) {
            return accessTokens.findByAccountIdOrderByCreatedAtAscIdAsc(account.accountId());
        }
        return accessTokens.findByRobotIdOrderByCreatedAtAscIdAsc(((TokenOwner.OfRobot) owner).robotId());
    }
}
