package io.wharf.index.registry;

import java.util.List;

/**
 * The manifest a tag points at: digest, media type, the manifest's size, and its platforms: an index's, a single
 * image's one (read by the registry from the image's config), none when unknown or for an artifact.
 */
public record TagTarget(String digest, String mediaType, long size, List<Platform> platforms) {

    public TagTarget {
        platforms = List.copyOf(platforms);
    }
}
