package io.wharf.index.repository;

import java.util.List;

/** The manifest a tag points at: digest, media type, the manifest's size, and an index's platforms. */
public record TagTarget(String digest, String mediaType, long size, List<Platform> platforms) {

    public TagTarget {
        platforms = List.copyOf(platforms);
    }
}
