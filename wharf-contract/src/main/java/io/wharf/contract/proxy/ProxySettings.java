package io.wharf.contract.proxy;

import java.util.List;

/** The body of {@code PUT /admin/proxies/{name}}: a null password keeps the stored one. */
public record ProxySettings(String upstream, String username, String password, long revalidateAfterSeconds,
        List<String> include, List<String> exclude, Long sizeLimitBytes, boolean mirror) {
}
