package io.wharf.index.proxycache;

import io.wharf.index.repository.AccessFacts.Cache;
import io.wharf.index.repository.CacheNamespaces;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The caches as access decisions see them, read from the index's own rows: a token never waits for the registry. */
@Component
@Transactional(readOnly = true)
class PullThroughCacheNamespaces implements CacheNamespaces {

    private final PullThroughCaches caches;

    PullThroughCacheNamespaces(PullThroughCaches caches) {
        this.caches = caches;
    }

    @Override
    public Optional<Cache> ofNamespace(String namespace) {
        return caches.findById(namespace).map(cache -> cacheOf(cache, false));
    }

    @Override
    public Optional<Cache> mirror() {
        return caches.findFirstByMirrorTrue().map(cache -> cacheOf(cache, true));
    }

    private static Cache cacheOf(PullThroughCache cache, boolean mirrorPath) {
        return new Cache(cache.name(), cache.upstream(), cache.visibility(), mirrorPath);
    }
}
