package io.wharf.registry.gc;

/**
 * What a collection removed, or would remove when {@code dryRun}.
 *
 * @param tagsRemoved tags removed by retention policies
 * @param manifestsRemoved untagged manifests removed by policy
 * @param linksRemoved repository links to blobs no manifest of the repository references
 * @param blobsRemoved blobs nothing links or references any more, deleted from storage
 * @param bytesRemoved their total size
 * @param uploadsExpired abandoned upload sessions ended, with their data
 * @param orphanedUploadsRemoved upload folders without a session (a crash between ending one and deleting its data),
 *     untouched for the upload expiry, deleted
 */
public record GcReport(boolean dryRun, long tagsRemoved, long manifestsRemoved, long linksRemoved,
        long blobsRemoved, long bytesRemoved, long uploadsExpired, long orphanedUploadsRemoved) {
}
