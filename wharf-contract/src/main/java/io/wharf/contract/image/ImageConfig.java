package io.wharf.contract.image;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An image's config blob, as the registry reads it for its push events and the index for a reconciliation: the one
 * place that names a single image's platform ({@code os}, {@code architecture}, {@code variant}). Both sides read
 * the same configs, so that a reconciliation describes a tag exactly as its push event did.
 */
public final class ImageConfig {

    /** Image configs are a few KB; a larger "config" is not read. */
    public static final int MAX_BYTES = 1024 * 1024;

    private ImageConfig() {
    }

    /** Whether the config a manifest describes ({@code mediaType}, {@code size}) is one to read for a platform. */
    public static boolean isReadable(String mediaType, long size) {
        return ImageMediaTypes.IMAGE_CONFIGS.contains(mediaType) && size >= 0 && size <= MAX_BYTES;
    }

    /** The platform an image config names; none when it lacks its os or architecture. */
    public static Optional<Platform> platformOf(JsonNode config) {
        Platform platform = Platform.in(config);
        return platform.os() == null || platform.architecture() == null ? Optional.empty() : Optional.of(platform);
    }
}
