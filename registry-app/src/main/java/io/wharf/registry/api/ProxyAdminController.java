package io.wharf.registry.api;

import io.wharf.contract.proxy.ProxyDefinition;
import io.wharf.contract.proxy.ProxySettings;
import io.wharf.registry.auth.AccessGuard;
import io.wharf.registry.auth.RequiredAccess;
import io.wharf.registry.proxy.ProxyAdministration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/proxies}: the pull-through caches, for an administrator ({@code registry:catalog:*}). Passwords go
 * in and never come out: a definition tells only whether it has credentials.
 */
@RestController
@RequestMapping("/admin/proxies")
class ProxyAdminController {

    private final AccessGuard guard;
    private final ProxyAdministration proxies;

    ProxyAdminController(AccessGuard guard, ProxyAdministration proxies) {
        this.guard = guard;
        this.proxies = proxies;
    }

    @GetMapping
    List<ProxyDefinition> list(HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return proxies.list();
    }

    @GetMapping("/{name}")
    ProxyDefinition get(@PathVariable String name, HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return proxies.get(name);
    }

    @PutMapping("/{name}")
    ProxyDefinition put(@PathVariable String name, @RequestBody ProxySettings settings, HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return proxies.put(name, settings);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        proxies.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** Evicts now from a cache over its size limit (otherwise every {@code wharf.registry.proxy.eviction-interval}). */
    @PostMapping("/{name}/evict")
    Map<String, Integer> evict(@PathVariable String name, HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return Map.of("evictedManifests", proxies.evict(name));
    }
}
