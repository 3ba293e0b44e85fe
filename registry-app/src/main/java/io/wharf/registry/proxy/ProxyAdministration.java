package io.wharf.registry.proxy;

import io.wharf.contract.proxy.ProxyDefinition;
import io.wharf.contract.proxy.ProxySettings;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The administrator's view of the caches ({@code /admin/proxies}): definitions without passwords, with usage. */
@Service
public class ProxyAdministration {

    private final ProxyDefinitions definitions;
    private final CachedContent content;
    private final ProxyMetrics metrics;
    private final ProxyEviction eviction;

    ProxyAdministration(ProxyDefinitions definitions, CachedContent content, ProxyMetrics metrics,
            ProxyEviction eviction) {
        this.definitions = definitions;
        this.content = content;
        this.metrics = metrics;
        this.eviction = eviction;
    }

    public List<ProxyDefinition> list() {
        return definitions.all().stream().map(this::describe).toList();
    }

    /** One cache, or 404 NAME_UNKNOWN. */
    public ProxyDefinition get(String name) {
        return describe(require(name));
    }

    public ProxyDefinition put(String name, ProxySettings settings) {
        definitions.put(name, settings);
        return get(name);
    }

    public void delete(String name) {
        if (!definitions.delete(name)) {
            throw unknown(name);
        }
    }

    /** Evicts from a cache over its limit now, rather than at the next scheduled round; how many manifests went. */
    public int evict(String name) {
        return eviction.evict(require(name));
    }

    private StoredProxy require(String name) {
        return definitions.find(name).orElseThrow(() -> unknown(name));
    }

    private ProxyDefinition describe(StoredProxy proxy) {
        String name = proxy.name();
        return new ProxyDefinition(name, proxy.upstream(), proxy.username(), proxy.hasCredentials(),
                proxy.revalidateAfterSeconds(), proxy.include(), proxy.exclude(), proxy.sizeLimitBytes(),
                proxy.mirror(), content.usedBytes(name), content.lastTagCheck(name).orElse(null),
                metrics.count(ProxyMetrics.HITS, name), metrics.count(ProxyMetrics.MISSES, name),
                metrics.count(ProxyMetrics.UPSTREAM_BYTES, name), metrics.count(ProxyMetrics.UPSTREAM_ERRORS, name),
                metrics.count(ProxyMetrics.STALE_SERVES, name));
    }

    private static RegistryException unknown(String name) {
        return new RegistryException(ErrorCode.NAME_UNKNOWN, "no pull-through cache is named " + name
                + "; GET /admin/proxies lists them", Map.of("proxy", name));
    }
}
