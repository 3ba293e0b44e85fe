package io.wharf.contract.image;

import java.util.Set;

/**
 * An image's config blob, as the registry reads it for its push events and the index for a reconciliation: the one
 * place that names a single image's platform ({@code os}, {@code architecture}, {@code variant}). Both sides read
 * the same configs, so that a reconciliation describes a tag exactly as its push event did.
 */
public final class ImageConfig {

    /** Docker's and OCI's image config media types; artifacts' configs (Helm charts, signatures, ...) name no platform. */
    public static final Set<String> MEDIA_TYPES = Set.of("application/vnd.docker.container.image.v1+json",
            "application/vnd.oci.image.config.v1+json");
    /** Image configs are a few KB; a larger "config" is not read. */
    public static final int MAX_BYTES = 1024 * 1024;

    private ImageConfig() {
    }

    /** Whether the config a manifest describes ({@code mediaType}, {@code size}) is one to read for a platform. */
    public static boolean isReadable(String mediaType, long size) {
        return MEDIA_TYPES.contains(mediaType) && size >= 0 && size <= MAX_BYTES;
    }
}
