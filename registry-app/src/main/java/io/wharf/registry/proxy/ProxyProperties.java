package io.wharf.registry.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pull-through caches (defaults in application.yml); the caches themselves are defined through the admin API.
 *
 * @param credentialKey base64 of a 256-bit AES key that seals upstream passwords in the database; empty: a key
 *         generated once into {@code <data-dir>/registry/proxy-credential.key}. Replicas must share it.
 * @param connectTimeout for connecting to an upstream
 * @param readTimeout the longest an upstream may take to start an answer, or stay silent in the middle of a blob
 * @param refresh how often a replica reads the definitions again (changes made on it apply at once)
 * @param inUse content pulled this recently counts as being pulled and is not evicted
 * @param evictionInterval how often caches over their size limit evict
 */
@ConfigurationProperties("wharf.registry.proxy")
public record ProxyProperties(@DefaultValue("") String credentialKey, @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout, @DefaultValue("5s") Duration refresh,
        @DefaultValue("1m") Duration inUse, @DefaultValue("1m") Duration evictionInterval) {
}
