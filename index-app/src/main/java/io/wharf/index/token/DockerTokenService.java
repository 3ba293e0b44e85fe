package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.Scope;
import io.wharf.index.IndexProperties;
import io.wharf.index.error.ApiException;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import io.wharf.index.signing.RegistryTokenIssuer;
import java.util.Collection;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Issues registry tokens for the one service (audience) this index serves. */
@Service
public class DockerTokenService {

    private final AccessGrantPolicy grants;
    private final RepositoryService repositories;
    private final RegistryTokenIssuer issuer;
    private final String service;

    public DockerTokenService(AccessGrantPolicy grants, RepositoryService repositories, RegistryTokenIssuer issuer,
            IndexProperties properties) {
        this.grants = grants;
        this.repositories = repositories;
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

    /**
     * A token granting what the requester may do of what they asked, with an optional refresh token. A granted push
     * to a repository the index does not know yet records it (with the default visibility).
     */
    public TokenResponse issue(Requester requester, List<AccessEntry> requested, String refreshToken) {
        AccessGrantPolicy.Grant grant = grants.grant(requester, requested);
        grant.granted().stream()
                .filter(entry -> AccessEntry.REPOSITORY.equals(entry.type())
                        && entry.actions().contains(AccessEntry.PUSH))
                .forEach(entry -> registerPushTarget(requester, RepositoryPath.parse(entry.name()).orElseThrow()));
        return TokenResponse.of(issuer.issue(requester.name(), grant.granted(), grant.refusals()),
                Scope.format(grant.granted()), refreshToken);
    }

    private void registerPushTarget(Requester requester, RepositoryPath path) {
        try {
            repositories.registerPushTarget(requester, path);
        } catch (DataIntegrityViolationException recordedConcurrently) {
            // Another token request for the same new repository recorded it first; that is all we wanted.
        }
    }
}
