package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.index.role.RepositoryAction;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Decides the {@code access} claim of a registry token: for each requested resource, the intersection of
 * the requested actions and those the requester may perform (the token specification's rule; getting
 * less than asked is not an error). Resources it does not know are granted nothing.
 *
 * <ul>
 *   <li>{@code repository:<name>:pull,push,delete} as {@link RepositoryPermissions} decides; a permitted
 *       push to a repository the index does not know yet records it (with the default visibility).
 *   <li>{@code registry:catalog:*} (list every repository) for administrators only.
 *   <li>{@code registry:catalog:search} for everyone: the registry filters search results by visibility.
 * </ul>
 */
@Component
public class AccessGrantPolicy {

    private static final Set<String> CATALOG_FOR_ADMINISTRATORS = Set.of(AccessEntry.ALL, AccessEntry.SEARCH);
    private static final Set<String> CATALOG_FOR_EVERYONE = Set.of(AccessEntry.SEARCH);

    private final RepositoryPermissions permissions;
    private final RepositoryService repositories;

    public AccessGrantPolicy(RepositoryPermissions permissions, RepositoryService repositories) {
        this.permissions = permissions;
        this.repositories = repositories;
    }

    /** One granted entry per requested one, in the same order, possibly without actions. */
    public List<AccessEntry> grant(Requester requester, List<AccessEntry> requested) {
        return requested.stream().map(entry -> switch (entry.type()) {
            case AccessEntry.REPOSITORY -> grantRepository(requester, entry);
            case AccessEntry.REGISTRY -> entry.withActions(intersection(entry, catalogActions(requester, entry)));
            default -> entry.withActions(Set.of());
        }).toList();
    }

    private AccessEntry grantRepository(Requester requester, AccessEntry requested) {
        Optional<RepositoryPath> path = RepositoryPath.parse(requested.name());
        Set<String> permitted = path.map(found -> permissions.allowedActions(requester, found).stream()
                        .map(RepositoryAction::scopeName)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        AccessEntry granted = requested.withActions(intersection(requested, permitted));
        if (granted.actions().contains(AccessEntry.PUSH)) {
            registerPushTarget(path.orElseThrow());
        }
        return granted;
    }

    private void registerPushTarget(RepositoryPath path) {
        try {
            repositories.registerPushTarget(path);
        } catch (DataIntegrityViolationException recordedConcurrently) {
            // Another token request for the same new repository recorded it first; that is all we wanted.
        }
    }

    private static Set<String> catalogActions(Requester requester, AccessEntry requested) {
        if (!AccessEntry.CATALOG.equals(requested.name())) {
            return Set.of();
        }
        return requester.administrator() ? CATALOG_FOR_ADMINISTRATORS : CATALOG_FOR_EVERYONE;
    }

    private static Set<String> intersection(AccessEntry requested, Set<String> permitted) {
        Set<String> granted = new TreeSet<>(requested.actions());
        granted.retainAll(permitted);
        return granted;
    }
}
