package io.wharf.contract.proxy;

import java.time.Instant;
import java.util.List;

/** A pull-through cache as the registry's admin API shows it ({@code GET /admin/proxies}); never its password. */
public record ProxyDefinition(String name, String upstream, String username, boolean hasCredentials,
        long revalidateAfterSeconds, List<String> include, List<String> exclude, Long sizeLimitBytes, boolean mirror,
        long usedBytes, Instant lastRevalidation, long hits, long misses, long upstreamBytes, long upstreamErrors,
        long staleServes) {
}
