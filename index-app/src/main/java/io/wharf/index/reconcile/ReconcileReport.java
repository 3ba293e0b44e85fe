package io.wharf.index.reconcile;

import java.util.List;

/**
 * What reconciling changed in the index.
 *
 * @param repositoriesChecked repositories in the registry's catalog
 * @param repositoriesSkipped catalog entries the index cannot hold: no namespace, or one that no user or
 *     organization holds
 * @param tagsUpdated tags that pointed at another manifest
 */
public record ReconcileReport(
        int repositoriesChecked,
        int repositoriesAdded,
        int tagsAdded,
        int tagsUpdated,
        int tagsRemoved,
        List<String> repositoriesSkipped) {
}
