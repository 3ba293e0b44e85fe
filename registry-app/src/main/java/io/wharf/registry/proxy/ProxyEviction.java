package io.wharf.registry.proxy;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.manifest.ManifestService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps each cache within its size limit: while a cache holds more than it may, its least recently pulled manifest
 * is deleted (with its tags, and a delete event by {@code proxy:<name>}); the blobs nothing references any more are
 * then reclaimed by the ordinary garbage collection. Content of a repository pulled within
 * {@code wharf.registry.proxy.in-use} is never evicted, so a pull under way keeps what it pulls.
 */
@Component
class ProxyEviction {

    private static final Logger log = LoggerFactory.getLogger(ProxyEviction.class);
    /** Candidates looked at per round and cache; the next round goes on. */
    private static final int CANDIDATES = 500;

    private final ProxyDefinitions definitions;
    private final CachedContent content;
    private final ManifestService manifests;
    private final PullThroughCache cache;
    private final ProxyProperties properties;

    ProxyEviction(ProxyDefinitions definitions, CachedContent content, ManifestService manifests,
            PullThroughCache cache, ProxyProperties properties) {
        this.definitions = definitions;
        this.content = content;
        this.manifests = manifests;
        this.cache = cache;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${wharf.registry.proxy.eviction-interval}",
            initialDelayString = "${wharf.registry.proxy.eviction-interval}")
    void evictAll() {
        cache.forgetUseBefore(properties.inUse());
        for (StoredProxy proxy : definitions.all()) {
            try {
                evict(proxy);
            } catch (RuntimeException failed) {
                log.warn("evicting from the cache {} failed, trying again next round: {}", proxy.name(),
                        failed.toString());
            }
        }
    }

    /** Evicts from one cache until it is within its limit or nothing more may go; the manifests evicted. */
    int evict(StoredProxy proxy) {
        if (proxy.sizeLimitBytes() <= 0) {
            return 0;
        }
        long used = content.usedBytes(proxy.name());
        if (used <= proxy.sizeLimitBytes()) {
            return 0;
        }
        int evicted = 0;
        List<CachedContent.CachedManifest> candidates = content.leastRecentlyPulled(proxy.name(), CANDIDATES);
        for (CachedContent.CachedManifest candidate : candidates) {
            if (used <= proxy.sizeLimitBytes()) {
                break;
            }
            if (cache.inUse(candidate.repository(), properties.inUse())) {
                continue;
            }
            try {
                manifests.deleteAs(proxy.actor(), new RepositoryName(candidate.repository()), candidate.digest());
                evicted++;
            } catch (RegistryException goneMeanwhile) {
                // deleted by someone else: as good
            }
            content.forget(candidate);
            used = content.usedBytes(proxy.name());
        }
        if (evicted > 0) {
            log.info("evicted {} manifests from the cache {}: it holds {} bytes of its {}", evicted, proxy.name(),
                    used, proxy.sizeLimitBytes());
        }
        return evicted;
    }
}
