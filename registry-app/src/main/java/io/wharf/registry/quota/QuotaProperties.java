package io.wharf.registry.quota;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Storage quotas per namespace (the first segment of a repository name), e.g. {@code wharf.registry.quotas.team=10GB}.
 *
 * @param quotas quota of each named namespace
 * @param defaultQuota quota of every other namespace; none when unset
 */
@ConfigurationProperties("wharf.registry")
public record QuotaProperties(Map<String, DataSize> quotas, DataSize defaultQuota) {

    public QuotaProperties {
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
    }

    Optional<DataSize> quotaOf(String namespace) {
        return Optional.ofNullable(quotas.getOrDefault(namespace, defaultQuota));
    }
}
