package io.wharf.index.repository;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.wharf.contract.image.ImageMediaTypes;
import io.wharf.index.registry.Platform;
import io.wharf.index.registry.TagTarget;
import java.time.Instant;
import java.util.List;

/**
 * A tag as the REST API shows it.
 *
 * @param size the manifest's size in bytes, as the registry reported it (not the layers')
 * @param platforms an image index's platforms, or a single image's one; empty when unknown (an artifact, or an
 *     image pushed before the registry reported image platforms)
 * @param pullCount pulls that started by this tag (pulls by digest count for the repository only)
 * @param lastPulledAt when the last of them started; {@code null} if never
 */
public record TagView(String name, String digest, String mediaType, long size, List<Platform> platforms,
        Instant pushedAt, long pullCount, Instant lastPulledAt) {

    static TagView of(ImageTag tag) {
        TagTarget target = tag.target();
        return new TagView(tag.name(), target.digest(), target.mediaType(), target.size(), target.platforms(),
                tag.pushedAt(), tag.pullCount(), tag.lastPulledAt());
    }

    /** Whether the tag names a multi-platform index; the page says so (an image's platform alone does not). */
    @JsonIgnore
    public boolean isIndex() {
        return ImageMediaTypes.isIndex(mediaType);
    }
}
