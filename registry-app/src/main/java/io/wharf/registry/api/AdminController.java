package io.wharf.registry.api;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.audit.AuditEntry;
import io.wharf.registry.audit.AuditLog;
import io.wharf.registry.auth.AccessGuard;
import io.wharf.registry.auth.RequiredAccess;
import io.wharf.registry.auth.Requester;
import io.wharf.registry.deletion.RepositoryDeletion;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.gc.GarbageCollector;
import io.wharf.registry.gc.GcReport;
import io.wharf.registry.quota.NamespaceQuotas;
import io.wharf.registry.quota.NamespaceUsage;
import io.wharf.registry.quota.QuotaProperties;
import io.wharf.registry.referrer.ReferrerService;
import io.wharf.registry.tag.TagProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration beyond the distribution API, authorized by the same tokens: deleting a repository needs
 * {@code repository:<name>:delete}, the referrers of several manifests at once its {@code pull}; garbage collection,
 * namespace usage, the audit log and the lifecycle rules an administrator's {@code registry:catalog:*}.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

    private static final int MAX_AUDIT_ENTRIES = 1000;

    private final AccessGuard guard;
    private final DeleteProperties deletion;
    private final RepositoryDeletion repositories;
    private final GarbageCollector collector;
    private final NamespaceQuotas quotas;
    private final AuditLog audit;
    private final LifecycleRules lifecycleRules;
    private final ReferrerService referrers;

    AdminController(AccessGuard guard, DeleteProperties deletion, RepositoryDeletion repositories,
            GarbageCollector collector, NamespaceQuotas quotas, AuditLog audit, TagProperties tagRules,
            QuotaProperties quotaRules, ReferrerService referrers) {
        this.guard = guard;
        this.deletion = deletion;
        this.repositories = repositories;
        this.collector = collector;
        this.quotas = quotas;
        this.audit = audit;
        this.lifecycleRules = LifecycleRules.of(tagRules, quotaRules);
        this.referrers = referrers;
    }

    /** {@code {*name}} spans segments ({@code team/app}) and starts with the slash before them. */
    @DeleteMapping("/repositories/{*name}")
    ResponseEntity<Void> deleteRepository(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        RepositoryName repository = RegistryRequest.parseName(name.substring(1));
        guard.check(request, List.of(RequiredAccess.delete(repository)));
        deletion.requireEnabled();
        repositories.delete(repository);
        return ResponseEntity.accepted().build();
    }

    /**
     * The referrers of several manifests of a repository in one answer, each {@code digest} parameter to the
     * descriptors the referrers API would list for it: the index shows a page of tags with their signatures, and
     * asking the referrers API once per tag made the round trips, not the lookups, the page's cost. The request's
     * head (8 KB in Tomcat) bounds the digests to about a hundred.
     */
    @GetMapping("/referrers")
    Map<String, Map<String, List<Map<String, Object>>>> referrers(@RequestParam String repository,
            @RequestParam(name = "digest") List<String> digests, HttpServletRequest request) {
        RepositoryName name = RegistryRequest.parseName(repository);
        guard.check(request, List.of(RequiredAccess.pull(name)));
        return Map.of("referrers", referrers.referrers(name, digests.stream().map(Digest::parse).toList()));
    }

    @PostMapping("/gc")
    GcReport collectGarbage(@RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request)
            throws IOException {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return collector.collect(dryRun, Requester.nameOf(request));
    }

    @GetMapping("/namespaces/{namespace}/usage")
    NamespaceUsage namespaceUsage(@PathVariable String namespace, HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return quotas.usage(namespace);
    }

    /** The audit log, newest first: {@code n} entries (default 100, at most 1000) older than entry {@code before}. */
    @GetMapping("/audit")
    Map<String, List<AuditEntry>> audit(@RequestParam(required = false) String repository,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int n,
            HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return Map.of("entries", audit.recent(repository, before, Math.max(1, Math.min(n, MAX_AUDIT_ENTRIES))));
    }

    /** Retention, immutable tags and quotas as configured: what the index's administrators' page shows. */
    @GetMapping("/lifecycle")
    LifecycleRules lifecycle(HttpServletRequest request) {
        guard.check(request, List.of(RequiredAccess.catalog()));
        return lifecycleRules;
    }
}
