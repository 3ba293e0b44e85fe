package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.index.repository.RepositoryAction;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.security.Requester;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * less than asked is not an error). Resources it does not know are granted nothing. What it leaves out of a
 * repository scope it explains in the {@code refusals} claim, for the registry to answer with.
 *
 * <ul>
 *   <li>{@code repository:<name>:pull,push,delete} as {@link RepositoryPermissions} decides; a permitted
 *       push to a repository the index does not know yet records it (with the default visibility).
 *   <li>{@code registry:catalog:*} (list every repository, and the registry's administration) for administrators
 *       signed in with a credential that may write: never a read-only access token.
 *   <li>{@code registry:catalog:search} for everyone: the registry filters search results by visibility.
 * </ul>
 */
@Component
public class AccessGrantPolicy {

    private static final Set<String> CATALOG_FOR_ADMINISTRATORS = Set.of(AccessEntry.ALL, AccessEntry.SEARCH);
    private static final Set<String> CATALOG_FOR_EVERYONE = Set.of(AccessEntry.SEARCH);

    private final RepositoryPermissions permissions;
    private final RepositoryService repositories;
    private final RefusalMessages messages;

    public AccessGrantPolicy(RepositoryPermissions permissions, RepositoryService repositories,
            RefusalMessages messages) {
        this.permissions = permissions;
        this.repositories = repositories;
        this.messages = messages;
    }

    /** What a token grants: one entry per requested one, in the same order, and why repository actions were left out. */
    public record Grant(List<AccessEntry> granted, List<AccessRefusal> refusals) {
    }

    public Grant grant(Requester requester, List<AccessEntry> requested) {
        List<AccessEntry> granted = new ArrayList<>();
        List<AccessRefusal> refusals = new ArrayList<>();
        for (AccessEntry entry : requested) {
            granted.add(switch (entry.type()) {
                case AccessEntry.REPOSITORY -> grantRepository(requester, entry, refusals);
                case AccessEntry.REGISTRY -> entry.withActions(intersection(entry, catalogActions(requester, entry)));
                default -> entry.withActions(Set.of());
            });
        }
        return new Grant(List.copyOf(granted), List.copyOf(refusals));
    }

    private AccessEntry grantRepository(Requester requester, AccessEntry requested, List<AccessRefusal> refusals) {
        Optional<RepositoryPath> path = RepositoryPath.parse(requested.name());
        Set<String> permitted = path.map(found -> permissions.allowedActions(requester, found).stream()
                        .map(RepositoryAction::scopeName)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        AccessEntry granted = requested.withActions(intersection(requested, permitted));
        if (granted.actions().contains(AccessEntry.PUSH)) {
            registerPushTarget(path.orElseThrow());
        }
        Set<RepositoryAction> refused = refused(requested, granted);
        if (!refused.isEmpty()) {
            refusals.add(path
                    .map(found -> messages.refusal(requester, requested.name(), found,
                            permissions.refusalReason(requester, found, refused), refused))
                    .orElseGet(() -> messages.invalidNamespace(requested.name())));
        }
        return granted;
    }

    private static Set<RepositoryAction> refused(AccessEntry requested, AccessEntry granted) {
        Set<RepositoryAction> refused = EnumSet.noneOf(RepositoryAction.class);
        for (RepositoryAction action : RepositoryAction.values()) {
            if (requested.actions().contains(action.scopeName()) && !granted.actions().contains(action.scopeName())) {
                refused.add(action);
            }
        }
        return refused;
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
        return requester.administrator() && !requester.readOnly() ? CATALOG_FOR_ADMINISTRATORS : CATALOG_FOR_EVERYONE;
    }

    private static Set<String> intersection(AccessEntry requested, Set<String> permitted) {
        Set<String> granted = new TreeSet<>(requested.actions());
        granted.retainAll(permitted);
        return granted;
    }
}
