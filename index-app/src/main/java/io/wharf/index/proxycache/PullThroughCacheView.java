package io.wharf.index.proxycache;

import io.wharf.contract.proxy.ProxyDefinition;
import io.wharf.index.repository.Visibility;

/**
 * A pull-through cache as administrators see it: the index's part and the registry's definition with its usage and
 * counters ({@code registry}; null when the registry does not know the cache, or could not be asked).
 */
public record PullThroughCacheView(String name, String upstream, Visibility visibility, boolean mirror,
        ProxyDefinition registry) {

    static PullThroughCacheView of(PullThroughCache cache, ProxyDefinition registry) {
        return new PullThroughCacheView(cache.name(), cache.upstream(), cache.visibility(), cache.mirror(), registry);
    }
}
