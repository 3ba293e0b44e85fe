package io.wharf.index.registry;

/**
 * What a garbage collection in the registry removed, or would remove when {@code dryRun} (the registry's
 * {@code GcReport}).
 *
 * @param tagsRemoved tags removed by retention policies
 * @param manifestsRemoved untagged manifests removed by policy
 * @param linksRemoved repository links to blobs no manifest of the repository references
 * @param blobsRemoved blobs nothing links or references any more, deleted from storage
 * @param bytesRemoved their total size: the space reclaimed
 * @param uploadsExpired abandoned upload sessions ended, with their data
 * @param orphanedUploadsRemoved upload data a crash left without its session, deleted
 */
public record GarbageCollectionReport(boolean dryRun, long tagsRemoved, long manifestsRemoved, long linksRemoved,
        long blobsRemoved, long bytesRemoved, long uploadsExpired, long orphanedUploadsRemoved) {
}
