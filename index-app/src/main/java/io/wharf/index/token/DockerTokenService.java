package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.Scope;
import io.wharf.index.IndexProperties;
import io.wharf.index.api.ApiException;
import io.wharf.index.security.Requester;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Issues registry tokens for the one service (audience) this index serves. */
@Service
public class DockerTokenService {

    private final AccessGrantPolicy grants;
    private final RegistryTokenIssuer issuer;
    private final String service;

    public DockerTokenService(AccessGrantPolicy grants, RegistryTokenIssuer issuer, IndexProperties properties) {
        this.grants = grants;
        this.issuer = issuer;
        this.service = properties.token().service();
    }

    /**
     * Checks the requested audience and parses the scopes, before any credential is looked at.
     *
     * @throws ApiException 400 when the service is missing or not this index's
     * @throws io.wharf.contract.auth.InvalidScopeException 400 when a scope is malformed
     */
    public List<AccessEntry> requestedAccess(String requestedService, Collection<String> scopeParameters) {
        if (requestedService == null || requestedService.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "the service parameter is required");
        }
        if (!service.equals(requestedService)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_service",
                    "this index issues tokens for the service \"" + service + "\" only");
        }
        return Scope.parseAll(scopeParameters);
    }

    /** A token granting what the requester may do of what they asked, with an optional refresh token. */
    public TokenResponse issue(Requester requester, List<AccessEntry> requested, String refreshToken) {
        AccessGrantPolicy.Grant grant = grants.grant(requester, requested);
        return TokenResponse.of(issuer.issue(requester.name(), grant.granted(), grant.refusals()),
                Scope.format(grant.granted()), refreshToken);
    }
}
