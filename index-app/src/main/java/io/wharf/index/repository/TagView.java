package io.wharf.index.repository;

import java.time.Instant;
import java.util.List;

/**
 * A tag as the REST API shows it.
 *
 * @param size the manifest's size in bytes, as the registry reported it (not the layers')
 * @param platforms an image index's platforms; empty for a single image
 */
public record TagView(String name, String digest, String mediaType, long size, List<Platform> platforms,
        Instant pushedAt) {

    static TagView of(ImageTag tag) {
        TagTarget target = tag.target();
        return new TagView(tag.name(), target.digest(), target.mediaType(), target.size(), target.platforms(),
                tag.pushedAt());
    }
}
