package io.wharf.index.registry;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.TokenClaims;
import io.wharf.index.signing.RegistryTokenIssuer;
import io.wharf.index.signing.RegistryTokenIssuer.IssuedToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index's tokens for its own questions to the registry, one per scope, each used again while at least half of its
 * lifetime is left. A new token costs an ES256 signature here and a signature check at the registry, which remembers
 * the tokens it checked; a page that asks the registry (a tag page's signatures) paid both on every view. Every
 * request still carries a token with half a lifetime (at least 30 s) ahead of it, more than a request may take.
 */
final class OwnTokens {

    /** The index's own identity in the registry's audit log and events. */
    static final String SUBJECT = TokenClaims.INDEX_SUBJECT;
    /** Scopes kept at most (one per repository asked about); beyond, all are forgotten and signed again. */
    static final int MAX_KEPT = 1024;

    private final RegistryTokenIssuer issuer;
    private final Clock clock;
    private final int maxKept;
    private final Map<AccessEntry, IssuedToken> kept = new ConcurrentHashMap<>();

    OwnTokens(RegistryTokenIssuer issuer, Clock clock, int maxKept) {
        this.issuer = issuer;
        this.clock = clock;
        this.maxKept = maxKept;
    }

    /** A token of the index's own that grants {@code access}. */
    String grant(AccessEntry access) {
        IssuedToken token = kept.get(access);
        if (token == null || !fresh(token, clock.instant())) {
            if (kept.size() >= maxKept) {
                kept.clear();
            }
            token = issuer.issue(SUBJECT, List.of(access));
            kept.put(access, token);
        }
        return token.jwt();
    }

    private static boolean fresh(IssuedToken token, Instant now) {
        return now.isBefore(token.issuedAt().plus(token.lifetime().dividedBy(2)));
    }
}
