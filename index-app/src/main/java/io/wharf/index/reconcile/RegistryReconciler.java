package io.wharf.index.reconcile;

import io.wharf.index.image.SignedManifests;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.registry.TagTarget;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.RepositoryContents;
import io.wharf.index.repository.RepositoryContents.Reconciliation;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the index's repository and tag metadata from what the registry holds: for recovery (events
 * were lost, the index was restored from a backup) or to adopt an existing registry. Repositories are
 * reconciled one at a time, each in its own transaction, while events keep arriving; a tag that an
 * event changed after the registry was read keeps the event's newer state.
 */
@Service
public class RegistryReconciler {

    private static final Logger log = LoggerFactory.getLogger(RegistryReconciler.class);

    private final RegistryClient registry;
    private final RepositoryContents contents;
    private final ImageRepositories repositories;
    private final SignedManifests signedManifests;
    private final Clock clock;

    public RegistryReconciler(RegistryClient registry, RepositoryContents contents, ImageRepositories repositories,
            SignedManifests signedManifests, Clock clock) {
        this.registry = registry;
        this.contents = contents;
        this.repositories = repositories;
        this.signedManifests = signedManifests;
        this.clock = clock;
    }

    public ReconcileReport reconcile(Requester requester) {
        Requesters.requireAdministrator(requester);
        Totals totals = new Totals();
        Instant catalogReadAt = now();
        List<String> catalog = registry.repositories();
        Set<RepositoryPath> inRegistry = new HashSet<>();
        for (String name : catalog) {
            Optional<RepositoryPath> path = RepositoryPath.parse(name);
            if (path.isEmpty()) {
                totals.skipped.add(name);
                continue;
            }
            Instant observedAt = now();
            Reconciliation outcome = contents.reconcile(path.get(), tagsOf(name), observedAt, true);
            if (outcome.skipped()) {
                totals.skipped.add(name);
            } else {
                inRegistry.add(path.get());
                totals.add(outcome);
                // The signatures known for its manifests are asked again, in case events were missed as well.
                signedManifests.forgetAll(path.get());
            }
        }
        // Repositories the registry no longer lists have no tags there either.
        for (ImageRepository known : repositories.findAllByOrderByNamespaceAscNameAsc()) {
            if (!inRegistry.contains(known.path())) {
                totals.add(contents.reconcile(known.path(), Map.of(), catalogReadAt, false));
            }
        }
        ReconcileReport report = totals.report(catalog.size());
        log.info("Reconciled the index with the registry: {}", report);
        return report;
    }

    /** The registry's tags of one repository and what each points at, as of now. */
    private Map<String, TagTarget> tagsOf(String repository) {
        Map<String, TagTarget> observed = new LinkedHashMap<>();
        for (String tag : registry.tags(repository)) {
            registry.tagTarget(repository, tag).ifPresent(target -> observed.put(tag, target));
        }
        return observed;
    }

    /**
     * An observation time, taken before reading the registry: what is read afterwards includes every change
     * older than it, and changes newer than it are left to their events. Truncated to the microseconds the
     * database keeps.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final class Totals {
        private int repositoriesAdded;
        private int tagsAdded;
        private int tagsUpdated;
        private int tagsRemoved;
        private final List<String> skipped = new ArrayList<>();

        void add(Reconciliation outcome) {
            repositoriesAdded += outcome.repositoryAdded() ? 1 : 0;
            tagsAdded += outcome.tagsAdded();
            tagsUpdated += outcome.tagsUpdated();
            tagsRemoved += outcome.tagsRemoved();
        }

        ReconcileReport report(int checked) {
            return new ReconcileReport(checked, repositoriesAdded, tagsAdded, tagsUpdated, tagsRemoved, List.copyOf(skipped));
        }
    }
}
