package io.wharf.index.repository;

import java.util.List;
import java.util.Set;

/**
 * The manifest a tag points at: digest, media type, the manifest's size, and its platforms: an index's, a single
 * image's one (read by the registry from the image's config), none when unknown or for an artifact.
 */
public record TagTarget(String digest, String mediaType, long size, List<Platform> platforms) {

    private static final Set<String> INDEX_MEDIA_TYPES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    public TagTarget {
        platforms = List.copyOf(platforms);
    }

    /** Whether {@code mediaType} is a multi-platform image index (OCI) or manifest list (Docker). */
    public static boolean isIndex(String mediaType) {
        return INDEX_MEDIA_TYPES.contains(mediaType);
    }
}
