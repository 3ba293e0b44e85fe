package io.wharf.index.proxycache;

import io.wharf.contract.auth.TokenClaims;
import io.wharf.contract.proxy.ProxyDefinition;
import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators define pull-through caches here, the only door to them: the index reserves each cache's name as a
 * namespace of kind {@link NamespaceKind#PROXY} and keeps who may pull, and the registry gets the definition
 * (upstream, credentials, limits) through its admin API in the same transaction, so a definition the registry
 * refuses leaves nothing behind in the index.
 */
@Service
@Transactional
public class PullThroughCacheAdministration {

    private static final Logger log = LoggerFactory.getLogger(PullThroughCacheAdministration.class);

    private final PullThroughCaches caches;
    private final NamespaceNames namespaceNames;
    private final Namespaces namespaces;
    private final ImageRepositories repositories;
    private final RegistryClient registry;
    private final Clock clock;

    public PullThroughCacheAdministration(PullThroughCaches caches, NamespaceNames namespaceNames,
            Namespaces namespaces, ImageRepositories repositories, RegistryClient registry, Clock clock) {
        this.caches = caches;
        this.namespaceNames = namespaceNames;
        this.namespaces = namespaces;
        this.repositories = repositories;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Where a cached repository comes from, for the pages and search that mark it.
     *
     * @param lastRevalidation null when no tag was revalidated yet, or the registry cannot be asked now
     */
    public record CacheMark(String upstream, Instant lastRevalidation) {
    }

    /**
     * Every cache with the registry's usage and counters.
     *
     * @throws ApiException 401/403 for anyone but an administrator
     * @throws RegistryUnavailableException when the registry fails or cannot be reached
     */
    @Transactional(readOnly = true)
    public List<PullThroughCacheView> list(Requester requester) {
        Requesters.requireAdministrator(requester);
        Map<String, ProxyDefinition> definitions = definitions(requester.name());
        return caches.findAllByOrderByNameAsc().stream()
                .map(cache -> PullThroughCacheView.of(cache, definitions.get(cache.name())))
                .toList();
    }

    /** Whether a cache of that name exists (administrators only: the answer tells what a name is). */
    @Transactional(readOnly = true)
    public boolean exists(Requester requester, String name) {
        Requesters.requireAdministrator(requester);
        return caches.existsById(name);
    }

    /** One cache, as {@link #list}; 404 when there is none of that name. */
    @Transactional(readOnly = true)
    public PullThroughCacheView get(Requester requester, String name) {
        Requesters.requireAdministrator(requester);
        return PullThroughCacheView.of(require(name), definitions(requester.name()).get(name));
    }

    /**
     * Creates the cache {@code name}: claims the name as a namespace, refusing one a user, an organization or another
     * cache holds, or that Wharf reserves.
     *
     * @throws ApiException 400 (naming the field) for a bad name or settings the registry refuses, 409 for a taken name
     */
    public PullThroughCacheView create(Requester requester, String name, PullThroughCacheRequest request) {
        Requesters.requireAdministrator(requester);
        try {
            namespaceNames.claim(name, NamespaceKind.PROXY);
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.CONFLICT) {
                throw ApiException.conflict("the name " + name + " is taken by a user, an organization or another"
                        + " cache; choose another name for the cache").onField("name");
            }
            throw refused.onField("name");
        }
        return save(requester, new PullThroughCache(name, clock.instant()), request);
    }

    /**
     * Replaces the settings of the cache {@code name} (a null password keeps the stored one); its repositories take
     * the new visibility.
     *
     * @throws ApiException 404 when there is no such cache, 400 for settings the registry refuses
     */
    public PullThroughCacheView update(Requester requester, String name, PullThroughCacheRequest request) {
        Requesters.requireAdministrator(requester);
        PullThroughCache cache = require(name);
        if (cache.visibility() != request.visibility()) {
            repositories.setVisibilityOfNamespace(name, request.visibility());
        }
        return save(requester, cache, request);
    }

    /**
     * Removes the cache from the registry and the index. What it cached stays, deleted like any repository's
     * content; the name stays reserved while repositories remain in its namespace.
     */
    public void delete(Requester requester, String name) {
        Requesters.requireAdministrator(requester);
        PullThroughCache cache = require(name);
        registry.deleteProxy(name, requester.name());
        caches.delete(cache);
        if (!repositories.existsByNamespace(name)) {
            namespaces.deleteById(name);
        }
    }

    /**
     * The marks of every cache by namespace, with the registry's last revalidation when it answers: a page that
     * marks cached repositories still shows when it does not.
     */
    @Transactional(readOnly = true)
    public Map<String, CacheMark> marks() {
        return marks(caches.findAllByOrderByNameAsc());
    }

    /** {@link #marks()} of the one namespace; none when it is no cache's. */
    @Transactional(readOnly = true)
    public Optional<CacheMark> markOf(String namespace) {
        return Optional.ofNullable(marks(caches.findById(namespace).stream().toList()).get(namespace));
    }

    private Map<String, CacheMark> marks(List<PullThroughCache> all) {
        if (all.isEmpty()) {
            return Map.of();
        }
        Map<String, ProxyDefinition> definitions;
        try {
            definitions = definitions(TokenClaims.INDEX_SUBJECT);
        } catch (RegistryUnavailableException unavailable) {
            log.warn("could not read the pull-through caches' last revalidation: {}", unavailable.getMessage());
            definitions = Map.of();
        }
        Map<String, ProxyDefinition> known = definitions;
        return all.stream().collect(Collectors.toMap(PullThroughCache::name, cache -> new CacheMark(cache.upstream(),
                Optional.ofNullable(known.get(cache.name())).map(ProxyDefinition::lastRevalidation).orElse(null))));
    }

    private PullThroughCacheView save(Requester requester, PullThroughCache cache, PullThroughCacheRequest request) {
        if (request.mirror()) {
            // The registry clears the other caches' mirror flag itself when it gets this one's.
            caches.stopMirroringBut(cache.name());
        }
        cache.apply(request.upstream(), request.visibility(), request.mirror());
        caches.save(cache);
        registry.saveProxy(cache.name(), request.settings(), requester.name());
        return get(requester, cache.name());
    }

    private PullThroughCache require(String name) {
        return caches.findById(name)
                .orElseThrow(() -> ApiException.notFound("there is no pull-through cache named " + name));
    }

    private Map<String, ProxyDefinition> definitions(String actor) {
        return registry.proxies(actor).stream()
                .collect(Collectors.toMap(ProxyDefinition::name, Function.identity(), (first, second) -> first));
    }
}
