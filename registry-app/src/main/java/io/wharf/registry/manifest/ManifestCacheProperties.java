package io.wharf.registry.manifest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The manifest cache of {@link ManifestCache} (defaults in application.yml).
 *
 * @param ttl how long an entry is served without asking the database: the staleness bound between replicas; 0 turns
 *     the cache off
 * @param maxBytes manifest bytes kept at most
 */
@ConfigurationProperties("wharf.registry.manifest-cache")
public record ManifestCacheProperties(Duration ttl, DataSize maxBytes) {
}
