package io.wharf.index.registryadmin;

import io.wharf.index.registry.AuditEntry;
import io.wharf.index.registry.GarbageCollectionReport;
import io.wharf.index.registry.LifecycleRules;
import io.wharf.index.registry.NamespaceUsage;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The registry's administration as the index offers it: garbage collection, its audit log and the lifecycle rules
 * for administrators, a namespace's usage and quota for those who belong to the namespace. The registry does the work;
 * this decides who may ask, and asks in their name.
 */
@Service
public class RegistryAdministration {

    /** Audit entries per page. */
    static final int AUDIT_PAGE_SIZE = 50;

    private static final Logger log = LoggerFactory.getLogger(RegistryAdministration.class);

    private final RegistryClient registry;
    private final RepositoryPermissions permissions;

    public RegistryAdministration(RegistryClient registry, RepositoryPermissions permissions) {
        this.registry = registry;
        this.permissions = permissions;
    }

    /**
     * A namespace's usage, or why it cannot be read now.
     *
     * @param usage null when the registry did not answer
     * @param problem null when it did
     */
    public record UsageReading(NamespaceUsage usage, String problem) {
    }

    /**
     * One page of the audit log, newest first.
     *
     * @param older the {@code before} of the next, older page; null on the last page
     */
    public record AuditPage(List<AuditEntry> entries, Long older) {
    }

    /**
     * Runs a garbage collection now, or (dry run) counts what it would remove.
     *
     * @throws io.wharf.index.error.ApiException 401/403 for anyone but an administrator; 502/503
     *     ({@link RegistryUnavailableException}) when the registry fails or cannot be reached
     */
    public GarbageCollectionReport collectGarbage(Requester requester, boolean dryRun) {
        Requesters.requireAdministrator(requester);
        return registry.collectGarbage(dryRun, requester.name());
    }

    /**
     * The namespace's usage for its user, its organization's members and administrators; nothing for anyone else
     * (usage tells how much a namespace holds, private repositories included). A registry that does not answer
     * yields a reading with a problem instead: the page around it still shows.
     */
    public Optional<UsageReading> usage(Requester requester, String namespace) {
        if (!permissions.isMember(requester, namespace)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UsageReading(registry.namespaceUsage(namespace), null));
        } catch (RegistryUnavailableException unavailable) {
            log.warn("could not read the usage of namespace {}: {}", namespace, unavailable.getMessage());
            return Optional.of(new UsageReading(null, "The registry does not answer now, so the usage is unknown."));
        }
    }

    /**
     * The registry's lifecycle rules (retention, immutable tags, quotas) for administrators.
     *
     * @throws io.wharf.index.error.ApiException as {@link #collectGarbage}
     */
    public LifecycleRules lifecycleRules(Requester requester) {
        Requesters.requireAdministrator(requester);
        return registry.lifecycleRules(requester.name());
    }

    /**
     * The registry's audit log for administrators: {@link #AUDIT_PAGE_SIZE} entries older than entry {@code before}
     * (null: the newest), of one repository or (blank) all.
     *
     * @throws io.wharf.index.error.ApiException as {@link #collectGarbage}
     */
    public AuditPage audit(Requester requester, String repository, Long before) {
        Requesters.requireAdministrator(requester);
        String filter = repository == null || repository.isBlank() ? null : repository.strip();
        // One entry more than a page tells whether an older page exists.
        List<AuditEntry> entries = registry.audit(filter, before, AUDIT_PAGE_SIZE + 1, requester.name());
        if (entries.size() <= AUDIT_PAGE_SIZE) {
            return new AuditPage(entries, null);
        }
        List<AuditEntry> page = entries.subList(0, AUDIT_PAGE_SIZE);
        return new AuditPage(List.copyOf(page), page.get(AUDIT_PAGE_SIZE - 1).id());
    }
}
