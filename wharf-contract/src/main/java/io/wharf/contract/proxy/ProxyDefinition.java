package io.wharf.contract.proxy;

import java.time.Instant;
import java.util.List;

/**
 * A pull-through cache as the registry's admin API shows it ({@code GET /admin/proxies}): its settings without the
 * password, and what it has done. {@code sizeLimitBytes} 0 means no limit; {@code lastRevalidation} is null until the
 * cache first asked the upstream about a tag; the counters are this registry process's since it started.
 */
public record ProxyDefinition(String name, String upstream, String username, boolean hasCredentials,
        long revalidateAfterSeconds, List<String> include, List<String> exclude, long sizeLimitBytes, boolean mirror,
        long usedBytes, Instant lastRevalidation, long hits, long misses, long upstreamBytes, long upstreamErrors,
        long staleServes) {

    public ProxyDefinition {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
